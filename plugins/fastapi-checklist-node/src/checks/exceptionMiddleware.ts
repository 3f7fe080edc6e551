import type { Evidence } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import type { Node } from '../python/parser';
import { nodesOf, PythonModule } from '../python/project';
import { callParts, descendants, field, kids } from '../python/syntax';
import type { ServedApp } from '../fastapi/servedApp';
import { evidenceAt } from './context';
import { modulesMentioning } from './moduleFacts';

/** `except:`, `except Exception`, `except BaseException`, `except (…, Exception)`. */
const CATCH_ALL = /^except\s*(:|\(?[^:]*\b(Exception|BaseException)\b)/;

/** The call that runs the rest of the app inside a middleware. */
function callsTheApp(node: Node): boolean {
  return descendants(node, 'call').some(call => {
    const callee = field(call, 'function')?.text;
    return callee === 'call_next' || callee === 'self.app';
  });
}

/** An except clause that answers: returns something, or builds/sends a Response. */
function answers(clause: Node): boolean {
  return (
    descendants(clause, 'return_statement').some(r => kids(r).length > 0) ||
    descendants(clause, 'call').some(call =>
      /Response$/.test(field(call, 'function')?.text ?? ''),
    )
  );
}

/** The catch-all except clauses of a function that wrap the call into the app and answer. */
function catchAllAnswers(func: Node): Node[] {
  return descendants(func, 'try_statement').flatMap(statement => {
    const body = field(statement, 'body');
    if (!body || !callsTheApp(body)) return [];
    return kids(statement).filter(
      clause =>
        clause.type === 'except_clause' &&
        CATCH_ALL.test(clause.text) &&
        answers(clause),
    );
  });
}

/**
 * Middleware on the running app that catches every exception escaping the app and
 * answers with a response: `@app.middleware("http")` functions, and the `dispatch` or
 * `__call__` of a class given to `app.add_middleware`. Evidence at each except clause.
 */
export function exceptionCatchingMiddleware(
  served: ServedApp,
  modules: PythonModule[],
): Evidence[] {
  const found: Evidence[] = [];
  const project = served.project;
  const check = (module: PythonModule, func: Node) => {
    for (const clause of catchAllAnswers(func))
      found.push(
        evidenceAt(module, clause, 'middleware answers uncaught exceptions'),
      );
  };
  // `.middleware(` and `.add_middleware(`: spelled in the module that calls them.
  for (const module of modulesMentioning(
    modules.filter(m => served.modules.has(m)),
    /middleware/,
  )) {
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
        const func = call.parent?.parent;
        if (call.parent?.type === 'decorator' && func) {
          const definition = field(func, 'definition');
          if (definition) check(module, definition);
        }
        continue;
      }
      const symbol = project.resolve(
        project.scopeAt(module, call),
        callParts(call).positional[0],
      );
      if (
        symbol?.kind !== 'definition' ||
        symbol.node.type !== 'class_definition'
      )
        continue;
      const body = field(symbol.node, 'body');
      for (const func of body ? descendants(body, 'function_definition') : [])
        if (['dispatch', '__call__'].includes(field(func, 'name')?.text ?? ''))
          check(symbol.scope.module, func);
    }
  }
  return found;
}
