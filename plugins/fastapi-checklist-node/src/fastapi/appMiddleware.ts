import type { Node } from '../python/parser';
import { isExternal, nodesOf, PythonModule } from '../python/project';
import { callParts, descendants, field, methodOfClass } from '../python/syntax';
import type { ServedApp } from './servedApp';

/** A middleware function the running app calls around every request. */
export type AppMiddleware = {
  /** The module the function is defined in. */
  module: PythonModule;
  /** The `@app.middleware("http")` function, or a middleware class's `dispatch`/`__call__`. */
  func: Node;
  /** The module and call that put it on the app (`app.add_middleware(…)`, the decorator). */
  siteModule: PythonModule;
  site: Node;
};

/**
 * The function `app.middleware("http")` registers: the one it decorates, the one it is
 * called with (`app.middleware("http")(auth.middleware)`), or the `__call__` of the class
 * instance it is called with (`app.middleware("http")(LoggingMiddleware())`).
 */
function middlewareFunction(
  served: ServedApp,
  module: PythonModule,
  call: Node,
): { module: PythonModule; func: Node } | undefined {
  const parent = call.parent;
  if (parent?.type === 'decorator') {
    const definition = parent.parent && field(parent.parent, 'definition');
    return definition ? { module, func: definition } : undefined;
  }
  if (parent?.type !== 'call' || field(parent, 'function')?.id !== call.id)
    return undefined;
  const project = served.project;
  const argument = callParts(parent).positional[0];
  // `app.middleware("http")(Guard())`: the instance is called, so its `__call__` runs.
  const instance = argument?.type === 'call';
  const target = project.resolve(
    project.scopeAt(module, parent),
    instance ? field(argument, 'function') : argument,
  );
  if (target?.kind !== 'definition') return undefined;
  if (!instance)
    return target.node.type === 'function_definition'
      ? { module: target.scope.module, func: target.node }
      : undefined;
  const method =
    target.node.type === 'class_definition'
      ? methodOfClass(target.node, '__call__')
      : undefined;
  return method ? { module: target.scope.module, func: method } : undefined;
}

/** `.middleware(` and `.add_middleware(`: spelled in the module that calls them. */
const MIDDLEWARE_WORD = /middleware/;

/**
 * The middleware functions of the app the server runs: `@app.middleware("http")`
 * functions (decorated, or registered as `app.middleware("http")(func)`), the `dispatch` or `__call__` of a class given to `app.add_middleware(Class)`,
 * and the function given as `add_middleware(BaseHTTPMiddleware, dispatch=func)`. Only
 * calls made in served modules on the served app count.
 */
export function servedAppMiddleware(
  served: ServedApp,
  modules: PythonModule[],
): AppMiddleware[] {
  const found: AppMiddleware[] = [];
  const project = served.project;
  for (const module of modules) {
    if (
      !served.modules.has(module) ||
      !MIDDLEWARE_WORD.test(module.tree.rootNode.text)
    )
      continue;
    for (const call of nodesOf(module, 'call')) {
      const callee = field(call, 'function');
      const method =
        callee?.type === 'attribute'
          ? field(callee, 'attribute')?.text
          : undefined;
      if (method !== 'middleware' && method !== 'add_middleware') continue;
      const app = served.ownerOf(module, field(callee!, 'object'));
      if (!served.isServedApp(app)) continue;
      if (method === 'middleware') {
        const definition = middlewareFunction(served, module, call);
        if (definition)
          found.push({ ...definition, siteModule: module, site: call });
        continue;
      }
      const scope = project.scopeAt(module, call);
      const parts = callParts(call);
      const symbol = project.resolve(scope, parts.positional[0]);
      const dispatch = parts.keywords.get('dispatch');
      if (
        dispatch &&
        isExternal(symbol, ['starlette', 'fastapi'], ['BaseHTTPMiddleware'])
      ) {
        const target = project.resolve(scope, dispatch);
        if (
          target?.kind === 'definition' &&
          target.node.type === 'function_definition'
        )
          found.push({
            module: target.scope.module,
            func: target.node,
            siteModule: module,
            site: call,
          });
        continue;
      }
      if (
        symbol?.kind !== 'definition' ||
        symbol.node.type !== 'class_definition'
      )
        continue;
      const body = field(symbol.node, 'body');
      for (const func of body ? descendants(body, 'function_definition') : [])
        if (['dispatch', '__call__'].includes(field(func, 'name')?.text ?? ''))
          found.push({
            module: symbol.scope.module,
            func,
            siteModule: module,
            site: call,
          });
    }
  }
  return found;
}
