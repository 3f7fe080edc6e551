import type { ServiceContext } from '../../checks/context';
import { applyTextEdits, lineEndingOf } from '../textEdits';
import { FixProposal, refuse } from '../types';
import { appStatement, bindsName } from './appStatement';
import {
  addImport,
  linesAfter,
  linesBefore,
  siblingModule,
} from './insertions';

/** A module the fix adds beside the app's, and how the app's module uses it. */
export type AppRegistration = {
  /** File name without .py, beside the module that creates the app. */
  moduleName: string;
  /**
   * Names to use, in order, when moduleName is taken by a module of the service's own
   * (a logging_config.py whose call was removed): the fix never overwrites one.
   */
  otherModuleNames?: string[];
  /** The new module's lines. */
  moduleLines: string[];
  /** What the app's module imports from it: `name` or `name as alias`. */
  imports: string;
  /** The name that import binds in the app's module (must be free). */
  boundName: string;
  /** The statement added next to the app's creation, given the app's variable. */
  statement: (app: string) => string;
  /** Before the app is created (configuration) or after it (registration on it). */
  where: 'before' | 'after';
  description: string;
};

/**
 * The shape shared by the fixes that add a module and wire it to the app (health router,
 * exception handlers, logging): a new file beside the module that creates the app, one
 * import in that module, and one statement next to `app = FastAPI(...)`. Nothing else in
 * the app's module changes.
 */
export function registerOnApp(
  service: ServiceContext,
  registration: AppRegistration,
): FixProposal {
  const found = appStatement(service);
  if ('refused' in found) return refuse(found.refused);
  const { module, source, statement, name, indent } = found;
  const names = [
    registration.moduleName,
    ...(registration.otherModuleNames ?? []),
  ];
  const targets = names.map(file => siblingModule(module, file));
  const target = targets.find(t => !service.files.has(t.path));
  if (!target)
    return refuse(
      targets.length === 1
        ? `${targets[0].path} already exists; the fix would not overwrite it`
        : `${targets
            .map(t => t.path)
            .join(' and ')} already exist; the fix would not overwrite them`,
    );
  if (bindsName(module, registration.boundName))
    return refuse(
      `${module.path} already uses the name ${registration.boundName}`,
    );
  const line = `${indent}${registration.statement(name)}`;
  const edited = applyTextEdits(source, [
    addImport(
      module,
      source,
      `from ${target.importFrom} import ${registration.imports}`,
      statement,
    ),
    registration.where === 'after'
      ? linesAfter(source, statement, [line])
      : linesBefore(source, statement, [line]),
  ]);
  const eol = lineEndingOf(source);
  return {
    kind: 'edits',
    edits: [
      { path: module.path, content: edited },
      {
        path: target.path,
        content: registration.moduleLines.map(l => l + eol).join(''),
      },
    ],
    description: `${registration.description} (${target.path}, wired in ${module.path}).`,
  };
}
