import type { Evidence } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import type { Node } from '../python/parser';
import type { PythonModule } from '../python/project';
import { descendants, field, kids } from '../python/syntax';
import type { ServedApp } from '../fastapi/servedApp';
import { evidenceAt } from './context';
import { servedAppMiddleware } from '../fastapi/appMiddleware';

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
 * `__call__` of a class given to `app.add_middleware` (servedAppMiddleware). Evidence at
 * each except clause.
 */
export function exceptionCatchingMiddleware(
  served: ServedApp,
  modules: PythonModule[],
): Evidence[] {
  return servedAppMiddleware(served, modules).flatMap(({ module, func }) =>
    catchAllAnswers(func).map(clause =>
      evidenceAt(module, clause, 'middleware answers uncaught exceptions'),
    ),
  );
}
