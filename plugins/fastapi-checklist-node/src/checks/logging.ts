import type { Evidence } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { isExternal, nodesOf } from '../python/project';
import type { Node } from '../python/parser';
import type { PythonModule, PythonProject } from '../python/project';
import { callParts, field } from '../python/syntax';
import { Check, evidenceAt, outcome, ServiceContext } from './context';
import { gunicornConfigModule } from './workers';

/**
 * `logger.addHandler(StreamHandler())` on a logger from `logging.getLogger(…)`: logging
 * configured by hand (a NullHandler, a library's way to stay silent, is not).
 */
function addsHandler(
  { project }: ServiceContext,
  module: PythonModule,
  call: Node,
  parts: ReturnType<typeof callParts>,
): boolean {
  const callee = parts.callee;
  if (
    callee?.type !== 'attribute' ||
    !field(callee, 'attribute')?.textIs('addHandler')
  )
    return false;
  const scope = project.scopeAt(module, call);
  const handler = parts.positional[0];
  const handlerCall =
    handler?.type === 'call'
      ? handler
      : (() => {
          const symbol = project.resolve(scope, handler);
          return symbol?.kind === 'value' && symbol.node.type === 'call'
            ? symbol.node
            : undefined;
        })();
  if (
    handlerCall &&
    field(handlerCall, 'function')?.text.endsWith('NullHandler')
  )
    return false;
  const target = field(callee, 'object');
  const logger =
    target?.type === 'call'
      ? { node: target, scope }
      : (() => {
          const symbol = project.resolve(scope, target);
          return symbol?.kind === 'value'
            ? { node: symbol.node, scope: symbol.scope }
            : undefined;
        })();
  return (
    logger?.node.type === 'call' &&
    isExternal(
      project.resolve(logger.scope, field(logger.node, 'function')),
      ['logging'],
      ['getLogger'],
    )
  );
}

/**
 * A call of a logging library's setup (dictConfig, fileConfig, basicConfig, structlog's
 * configure, loguru's logger.add/configure, the wrappers below): the code configuring
 * logging itself, as opposed to a server told where its configuration is (log_config).
 */
export function callsLoggingSetup(
  project: PythonProject,
  module: PythonModule,
  call: Node,
): boolean {
  const callee = project.resolve(
    project.scopeAt(module, call),
    field(call, 'function'),
  );
  return (
    isExternal(
      callee,
      ['logging'],
      ['dictConfig', 'fileConfig', 'basicConfig'],
    ) ||
    isExternal(callee, ['structlog'], ['configure']) ||
    // Wrappers whose setup call configures structlog and stdlib logging for the app.
    isExternal(callee, ['fastapi_structlog'], ['setup_logger']) ||
    isExternal(callee, ['rotoger'], ['get_logger']) ||
    (isExternal(callee, ['loguru'], ['add', 'configure']) &&
      callee?.kind === 'external' &&
      callee.qualified.includes('.logger.'))
  );
}

/**
 * A name every logging setup the loop below finds spells somewhere in the project: the
 * setup function's or its library's (in the import that names it), `log_config=`,
 * `.addHandler(`.
 */
const LOGGING_WORDS = [
  'dictConfig',
  'fileConfig',
  'basicConfig',
  'structlog',
  'fastapi_structlog',
  'rotoger',
  'loguru',
  'log_config',
  'addHandler',
];

/** A server that imports the app's module by name (`uvicorn main:app`, `fastapi run main.py`). */
const SERVER = /(^|\/)(uvicorn|gunicorn|hypercorn|granian|daphne|fastapi)$/;

/** Inside an `if __name__ == "__main__":` block (either operand order). */
function inMainBlock(node: Node): boolean {
  for (let up = node.parent; up; up = up.parent) {
    if (up.type !== 'if_statement') continue;
    const condition = field(up, 'condition')?.text.replace(/\s+/g, '') ?? '';
    if (
      /^(__name__==["']__main__["']|["']__main__["']==__name__)$/.test(
        condition,
      )
    )
      return true;
  }
  return false;
}

/** Servers whose run/Config calls take a logging configuration as `log_config=`. */
const LOG_CONFIG_SERVERS = ['uvicorn'];

/**
 * `log_config=` given to the server (`uvicorn.run(…, log_config=LOGGING)`, `uvicorn.Config`)
 * or to a function of the service that hands it on; not to another library's call that
 * takes a keyword of the same name (docker's `containers.run(log_config=LogConfig(…))`
 * configures a container's log driver). `log_config=None` tells uvicorn to leave logging
 * alone: not a configuration.
 */
function passesServerLogConfig(
  project: PythonProject,
  module: PythonModule,
  call: Node,
  parts: ReturnType<typeof callParts>,
): boolean {
  const value = parts.keywords.get('log_config');
  if (!value || value.type === 'none') return false;
  const callee = project.resolve(
    project.scopeAt(module, call),
    field(call, 'function'),
  );
  return (
    isExternal(callee, LOG_CONFIG_SERVERS, ['run', 'Config']) ||
    (callee?.kind === 'definition' &&
      callee.node.type === 'function_definition')
  );
}

export const loggingCheck: Check = context => {
  const { runtimeModules, project, launch } = context;
  const evidence: Evidence[] = [];
  // A server command (uvicorn main:app) imports the app's modules: their
  // `if __name__ == "__main__":` blocks never run. Unknown or `python main.py`: they may.
  const imported = (launch?.words ?? []).some(word => SERVER.test(word));
  // Only what the running app executes: Alembic's env.py configuring its own logging
  // says nothing about the service's. Each way below spells one of LOGGING_WORDS.
  for (const module of project.mentionsAny(LOGGING_WORDS)
    ? runtimeModules
    : []) {
    for (const call of nodesOf(module, 'call')) {
      if (imported && inMainBlock(call)) continue;
      const parts = callParts(call);
      const configures =
        callsLoggingSetup(project, module, call) ||
        passesServerLogConfig(project, module, call, parts);
      if (configures)
        evidence.push(evidenceAt(module, call, 'configures logging'));
      else if (addsHandler(context, module, call, parts))
        evidence.push(evidenceAt(module, call, 'adds a log handler'));
    }
  }
  // Server-side configuration: --log-config, or gunicorn's logconfig in its config module.
  const words = launch?.words ?? [];
  if (words.some(word => word.startsWith('--log-config'))) {
    const step = launch!.evidence[launch!.evidence.length - 1];
    evidence.push({ ...step, message: '--log-config' });
  }
  const config = gunicornConfigModule(words, context);
  for (const name of ['logconfig', 'logconfig_dict']) {
    const value = config?.scope.assignments.get(name);
    if (value && config)
      evidence.push(
        evidenceAt(config, value.parent ?? value, `gunicorn ${name}`),
      );
  }
  return evidence.length
    ? outcome('pass', 'Logging is configured.', evidence.slice(0, 5))
    : outcome(
        'fail',
        'Logging is never configured (no dictConfig, basicConfig, structlog, loguru or --log-config).',
      );
};
