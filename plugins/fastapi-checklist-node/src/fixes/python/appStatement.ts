import type { ServiceContext } from '../../checks/context';
import type { Node } from '../../python/parser';
import type { PythonModule } from '../../python/project';
import { field } from '../../python/syntax';
import { startOfLine } from '../textEdits';

/** Where the service's app is created: `app = FastAPI(...)`, at module level or in a factory. */
export type AppStatement = {
  module: PythonModule;
  source: string;
  /** The statement holding the assignment. */
  statement: Node;
  /** The variable the app is bound to. */
  name: string;
  /** The statement's indentation (a factory's body indentation). */
  indent: string;
};

/**
 * The one `name = FastAPI(...)` statement of the service, or why the fixes that register
 * something on the app cannot tell where to put it.
 */
export function appStatement(
  service: ServiceContext,
): AppStatement | { refused: string } {
  const appModules = new Set(service.appModules);
  const { project } = service;
  // `app = create_app()` is the factory's app again, not a second one.
  const apps = service.model.apps.filter(app => {
    const callee = project.resolve(
      project.scopeAt(app.module, app.call),
      field(app.call, 'function'),
    );
    return (
      appModules.has(app.module) &&
      !(
        callee?.kind === 'definition' &&
        callee.node.type === 'function_definition'
      )
    );
  });
  if (apps.length !== 1)
    return {
      refused: apps.length
        ? `the service creates ${apps.length} FastAPI apps (${apps
            .map(app => `${app.module.path}:${app.call.startPosition.row + 1}`)
            .join(', ')}); the fix does not know which one to change`
        : 'no FastAPI() app is created in the application modules',
    };
  const [app] = apps;
  const assignment = app.call.parent;
  const left = assignment && field(assignment, 'left');
  const statement = assignment?.parent;
  if (
    assignment?.type !== 'assignment' ||
    !field(assignment, 'right')?.is(app.call) ||
    left?.type !== 'identifier' ||
    statement?.type !== 'expression_statement' ||
    !['module', 'block'].includes(statement.parent?.type ?? '')
  )
    return {
      refused: `${app.module.path}:${
        app.call.startPosition.row + 1
      } creates the app in a shape the fix does not change (it needs \`app = FastAPI(...)\` as a statement of its own)`,
    };
  const source = service.files.get(app.module.path)!.toString('utf8');
  const lineStart = startOfLine(source, statement.startIndex);
  const indent = source.slice(lineStart, statement.startIndex);
  if (indent.trim() !== '')
    return {
      refused: `${app.module.path}:${
        statement.startPosition.row + 1
      } shares its line with other code`,
    };
  return { module: app.module, source, statement, name: left.text, indent };
}

/** True when a module already binds `name` (import, assignment or definition). */
export function bindsName(module: PythonModule, name: string): boolean {
  return (
    module.imports.has(name) ||
    module.scope.assignments.has(name) ||
    module.scope.definitions.has(name)
  );
}
