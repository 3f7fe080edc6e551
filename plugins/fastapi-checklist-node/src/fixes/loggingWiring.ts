import type { ServiceContext } from '../checks/context';
import { callsLoggingSetup } from '../checks/logging';
import { parametersOf } from '../fastapi/parameters';
import type { Node } from '../python/parser';
import { nodesOf, PythonModule, Scope } from '../python/project';
import { field, kids, lineOf } from '../python/syntax';
import { AppStatement, appStatement, bindsName } from './python/appStatement';
import { importNames } from './python/importNames';
import { linesBefore } from './python/insertions';
import { settingsClasses } from './python/settingsClass';
import { applyTextEdits, TextEdit } from './textEdits';
import { FixProposal, refuse } from './types';

/** A function of the service that configures logging itself and that nothing the server runs calls. */
export type LoggingSetup = { module: PythonModule; func: Node; name: string };

/** A parameter that takes the level to log at: `level`, `log_level`, `loglevel` (any case). */
const LEVEL_PARAMETER = /^(log_?)?level$/i;
/** A settings field holding the level: `LOG_LEVEL`, `log_level`, `loglevel`. */
const LEVEL_FIELD = /^log_?level$/i;

const NOT_ADDED =
  'the fix adds no logging module of its own beside the service’s: the owners should wire theirs';

/** The top-level package a module belongs to ('' for a top-level module such as main.py). */
const packageOf = (module: PythonModule) =>
  module.name.includes('.') || module.isPackage
    ? module.name.split('.')[0]
    : '';

/** A script (`if __name__ == "__main__":`) or Alembic's env.py: their logging is their own. */
function isScriptOrMigration(module: PythonModule): boolean {
  const guarded = module.tree.rootNode.namedChildren.some(
    statement =>
      statement.type === 'if_statement' &&
      /__name__\s*==\s*["']__main__["']/.test(
        field(statement, 'condition')?.text ?? '',
      ),
  );
  return (
    guarded ||
    [...module.imports.values()].some(
      q => q === 'alembic' || q.startsWith('alembic.'),
    )
  );
}

/** The function a call is made from directly (not from a nested lambda or class), if any. */
function directFunction(call: Node): Node | undefined {
  for (let node = call.parent; node; node = node.parent) {
    if (node.type === 'function_definition') return node;
    if (node.type === 'lambda' || node.type === 'class_definition')
      return undefined;
  }
  return undefined;
}

const isModuleLevel = (func: Node) =>
  func.parent?.type === 'module' ||
  (func.parent?.type === 'decorated_definition' &&
    func.parent.parent?.type === 'module');

/**
 * The service's own logging setup functions that the running server never calls: a
 * function whose body calls what the logging check counts as configuring logging
 * (dictConfig, fileConfig, basicConfig, structlog, loguru), named for logging or in a
 * module named for it, in an application module of the app's package that no module the
 * server runs imports (scripts and Alembic's env.py left out). A setup in a module the
 * server runs would already pass the check.
 */
export function unwiredLoggingSetups(
  service: ServiceContext,
  app: PythonModule,
): LoggingSetup[] {
  const runtime = new Set(service.runtimeModules);
  const found = new Map<string, LoggingSetup>();
  for (const module of service.appModules) {
    if (
      runtime.has(module) ||
      packageOf(module) !== packageOf(app) ||
      isScriptOrMigration(module)
    )
      continue;
    for (const call of nodesOf(module, 'call')) {
      if (!callsLoggingSetup(service.project, module, call)) continue;
      const func = directFunction(call);
      const name = func && field(func, 'name')?.text;
      // A command's `main()` configuring its own logging is no setup for the app: the
      // function or its module says it is about logging (configure_logging, app/logs.py).
      if (!func || !name || !/log/i.test(`${name} ${module.name}`)) continue;
      found.set(`${module.path}:${func.startIndex}`, { module, func, name });
    }
  }
  return [...found.values()].sort(
    (a, b) =>
      a.module.path.localeCompare(b.module.path) ||
      a.func.startIndex - b.func.startIndex,
  );
}

/** The settings class a node evaluates to, when it is one of `classes` (Settings(), get_settings(), `x or get_settings()`). */
function settingsClassOf(
  service: ServiceContext,
  scope: Scope,
  node: Node | undefined,
  classes: { module: PythonModule; cls: Node }[],
  depth = 0,
): Node | undefined {
  if (!node || depth > 5) return undefined;
  const { project } = service;
  const isClass = (candidate: Node, module: PythonModule) =>
    classes.find(
      c =>
        c.module === module &&
        c.cls.startIndex === candidate.startIndex &&
        candidate.type === 'class_definition',
    )?.cls;
  if (node.type === 'boolean_operator') {
    // `settings or get_settings()`: the right operand is what a missing one gives.
    const [left, right] = kids(node);
    const operator = node.text.slice(
      left.text.length,
      node.text.length - right.text.length,
    );
    return operator.trim() === 'or'
      ? settingsClassOf(service, scope, right, classes, depth + 1)
      : undefined;
  }
  if (node.type === 'identifier') {
    const symbol = project.resolve(scope, node);
    return symbol?.kind === 'value'
      ? settingsClassOf(service, symbol.scope, symbol.node, classes, depth + 1)
      : undefined;
  }
  if (node.type !== 'call') return undefined;
  const callee = project.resolve(scope, field(node, 'function'));
  if (callee?.kind !== 'definition') return undefined;
  if (callee.node.type === 'class_definition')
    return isClass(callee.node, callee.scope.module);
  // A function annotated to return the class (`def get_settings() -> Settings`).
  const returned = project.resolve(
    callee.scope,
    field(callee.node, 'return_type'),
  );
  return returned?.kind === 'definition'
    ? isClass(returned.node, returned.scope.module)
    : undefined;
}

/**
 * `variable.LOG_LEVEL`: a settings object bound before the app's creation, in the
 * function creating it (or at module level), whose pydantic-settings class declares a
 * log-level field. Undefined when there is none.
 */
function logLevelSetting(
  service: ServiceContext,
  found: AppStatement,
): string | undefined {
  const classes = settingsClasses(service);
  if ('refused' in classes) return undefined;
  const withLevel = classes
    .map(c => ({
      ...c,
      level: [...c.fields.keys()].find(n => LEVEL_FIELD.test(n)),
    }))
    .filter(c => c.level);
  if (!withLevel.length) return undefined;
  const { project } = service;
  const { module, statement } = found;
  const scope = project.scopeAt(module, statement);
  const levelOf = (cls: Node | undefined) =>
    cls && withLevel.find(c => c.cls === cls)?.level;
  // Names bound before the app's creation, nearest scope first.
  const names: string[] = [];
  for (
    let current: Scope | undefined = scope;
    current;
    current = current.parent
  )
    for (const [name, value] of current.assignments)
      if (value.endIndex <= statement.startIndex) names.push(name);
  names.push(...module.imports.keys());
  for (const name of names) {
    const symbol = project.resolveName(scope, name);
    if (symbol?.kind !== 'value') continue;
    const level = levelOf(
      settingsClassOf(service, symbol.scope, symbol.node, withLevel),
    );
    if (level) return `${name}.${level}`;
  }
  return undefined;
}

/** How the setup is called: its arguments' text, or why the fix cannot call it. */
function callArguments(
  service: ServiceContext,
  setup: LoggingSetup,
  found: AppStatement,
): { text: string } | { refused: string } {
  const where = `${setup.module.path}:${lineOf(setup.func)} ${setup.name}()`;
  const required = parametersOf(setup.func).filter(p => !p.defaultValue);
  if (!required.length) return { text: '' };
  const [parameter] = required;
  if (required.length === 1 && LEVEL_PARAMETER.test(parameter.name)) {
    const setting = logLevelSetting(service, found);
    if (setting) {
      // After a bare `*` or `*args` the parameter can only be passed by keyword.
      const keywordOnly = [
        ...(field(setup.func, 'parameters')?.namedChildren ?? []),
      ].some(
        p =>
          p.startIndex < parameter.node.startIndex &&
          ['keyword_separator', 'list_splat_pattern'].includes(p.type),
      );
      return { text: keywordOnly ? `${parameter.name}=${setting}` : setting };
    }
    return {
      refused: `${where} configures logging but needs ${parameter.name}, and no settings object whose class declares a log-level field (LOG_LEVEL) is bound where ${found.module.path} creates the app; call it there, before the app is created, with the level the service should log at (${NOT_ADDED})`,
    };
  }
  return {
    refused: `${where} configures logging but needs ${required
      .map(p => p.name)
      .join(', ')}; call it before the app is created with ${
      required.length === 1 ? 'that value' : 'those values'
    } by hand (${NOT_ADDED})`,
  };
}

/**
 * Calls the service's own logging setup, which nothing the server runs calls, just
 * before the app is created, with its import; no module is added.
 */
export function wireLoggingSetup(
  service: ServiceContext,
  setups: LoggingSetup[],
): FixProposal {
  const found = appStatement(service);
  if ('refused' in found) return refuse(found.refused);
  if (setups.length > 1)
    return refuse(
      `the service has ${
        setups.length
      } logging setup functions nothing the server runs calls (${setups
        .map(s => `${s.module.path}:${lineOf(s.func)} ${s.name}()`)
        .join(
          ', ',
        )}); call the one the service should use before the app is created (${NOT_ADDED})`,
    );
  const [setup] = setups;
  const where = `${setup.module.path}:${lineOf(setup.func)} ${setup.name}()`;
  if (!isModuleLevel(setup.func))
    return refuse(
      `${where} configures logging but is not a module-level function the app's module can import; call it before the app is created by hand (${NOT_ADDED})`,
    );
  if (setup.func.children.some(c => c.type === 'async'))
    return refuse(`${where} is async; await it where the service starts`);
  const args = callArguments(service, setup, found);
  if ('refused' in args) return refuse(args.refused);
  const { module, source, statement, indent } = found;
  const edits: TextEdit[] = [];
  if (setup.module === module) {
    // Called at import time, a function defined further down does not exist yet.
    if (indent === '' && setup.func.startIndex > statement.startIndex)
      return refuse(
        `${where} is defined after the app is created; move it above and call it before the app's creation`,
      );
  } else {
    if (bindsName(module, setup.name))
      return refuse(`${module.path} already uses the name ${setup.name}`);
    edits.push(
      importNames(module, source, setup.module, [setup.name], statement),
    );
  }
  const call = `${setup.name}(${args.text})`;
  edits.push(linesBefore(source, statement, [`${indent}${call}`]));
  return {
    kind: 'edits',
    edits: [{ path: module.path, content: applyTextEdits(source, edits) }],
    description: `Configures logging with the service's own ${setup.name}() (${setup.module.path}), which nothing the server runs called: ${call} just before the app is created in ${module.path}.`,
  };
}
