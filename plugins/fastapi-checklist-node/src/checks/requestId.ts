import type { Evidence } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import type { Node } from '../python/parser';
import { nodesOf, PythonModule } from '../python/project';
import { callParts, field, stringValue } from '../python/syntax';
import { Check, evidenceAt, outcome } from './context';
import {
  firstMatchIn,
  isOrDerivesFrom,
  modulesMentioning,
  resolveArgument,
  resolvedCalls,
} from './moduleFacts';

/** X-Request-ID, X-Correlation-ID, and X-Trace-ID (an id made per request and returned alike). */
const HEADER = /^x-(request|correlation|trace)-id$/i;

/**
 * Where the id reaches every log line: a logging filter or record factory setting it on
 * the records, a log format naming it, a bound log context (structlog, loguru). A
 * ContextVar holding it is not enough on its own: something must put it in the records.
 * structlog binds it with `bind_contextvars(…)` or the context manager
 * `bound_contextvars(…)`.
 */
const IN_LOGS: [RegExp, string][] = [
  [/CorrelationIdFilter/, 'asgi-correlation-id log filter'],
  [
    /%\((request|correlation)_id\)s|\{extra\[["']?(request|correlation)_id/,
    'log format names the request id',
  ],
  [
    /\b(bind_contextvars|bound_contextvars|contextualize)\s*\([^)]*\b(request|correlation)_id\s*=/,
    'request id bound to the log context',
  ],
  [
    /\brecord(\.(request|correlation)_id|\[\s*["'](request|correlation)_id["']\s*\])\s*=/,
    'log records carry the request id',
  ],
];

const WRITES = new Set([
  'append',
  'setdefault',
  'update',
  'extend',
  'set',
  '__setitem__',
]);

/** How a header-name literal is used: written to headers, read from them, or named by a constant. */
function headerUse(
  literal: Node,
): 'writes' | 'reads' | { constant: string } | undefined {
  let child = literal;
  for (
    let up = literal.parent, depth = 0;
    up && depth < 6;
    up = up.parent, depth++
  ) {
    if (up.type === 'subscript') {
      const statement = up.parent;
      return statement?.type === 'assignment' &&
        !!field(statement, 'left')?.is(up)
        ? 'writes'
        : 'reads';
    }
    if (up.type === 'assignment') {
      const left = field(up, 'left');
      return !!field(up, 'right')?.is(child) && left?.type === 'identifier'
        ? { constant: left.text }
        : undefined;
    }
    if (up.type === 'keyword_argument' && field(up, 'name')?.textIs('headers'))
      return 'writes';
    if (up.type === 'call') {
      const callee = field(up, 'function');
      const method =
        callee?.type === 'attribute'
          ? field(callee, 'attribute')?.text
          : undefined;
      if (method && WRITES.has(method)) return 'writes';
      if (method === 'get' || method === 'getlist') return 'reads';
    }
    if (up.type === 'expression_statement' || up.type === 'block')
      return undefined;
    child = up;
  }
  return undefined;
}

export const requestIdCheck: Check = ({ project, runtimeModules }) => {
  const modules = modulesMentioning(
    runtimeModules,
    /request[-_]?id|correlation[-_]?id|trace[-_]?id/i,
  );
  const onResponse: Evidence[] = [];
  const read: Evidence[] = [];
  // fastapi-structlog's StructlogMiddleware binds asgi-correlation-id's id as request_id.
  const boundByLibrary: Evidence[] = [];
  for (const { module, call, callee } of resolvedCalls(project, modules)) {
    const first = resolveArgument(
      project,
      module,
      callParts(call).positional[0],
    );
    // The middleware (or a subclass of it) added, wrapped round the app or listed.
    if (
      [callee, first].some(symbol =>
        isOrDerivesFrom(
          project,
          symbol,
          ['asgi_correlation_id'],
          ['CorrelationIdMiddleware'],
        ),
      )
    )
      onResponse.push(evidenceAt(module, call, 'CorrelationIdMiddleware'));
    if (
      [callee, first].some(symbol =>
        isOrDerivesFrom(
          project,
          symbol,
          ['fastapi_structlog'],
          ['StructlogMiddleware'],
        ),
      )
    )
      boundByLibrary.push(
        evidenceAt(
          module,
          call,
          "fastapi-structlog's StructlogMiddleware binds it to the log context",
        ),
      );
    // starlette-context's plugins read or generate the id and set it on the response.
    if (
      isOrDerivesFrom(
        project,
        callee,
        ['starlette_context'],
        ['RequestIdPlugin', 'CorrelationIdPlugin'],
      )
    )
      onResponse.push(
        evidenceAt(module, call, 'starlette-context request id plugin'),
      );
  }

  for (const module of modules) headerLiterals(module, onResponse, read);

  const inLogs = [
    ...boundByLibrary,
    ...modules.flatMap(module =>
      IN_LOGS.flatMap(([pattern, message]) => {
        const found = firstMatchIn(module, pattern, message);
        return found ? [found] : [];
      }),
    ),
  ];
  if (onResponse.length && inLogs.length)
    return outcome(
      'pass',
      `The request id is returned on responses (${onResponse[0].message}) and put into log lines (${inLogs[0].message}).`,
      [...onResponse.slice(0, 3), ...inLogs.slice(0, 3)],
    );
  if (onResponse.length)
    return outcome(
      'warn',
      'The request id is returned on responses but never reaches the log lines (no log filter, record factory, log format or bound log context carries it).',
      onResponse.slice(0, 5),
    );
  if (inLogs.length)
    return outcome(
      'warn',
      'Log lines carry a request id, but it is never returned on the response (X-Request-ID), so clients cannot quote it.',
      inLogs.slice(0, 5),
    );
  if (read.length)
    return outcome(
      'warn',
      'X-Request-ID is read, but neither returned on the response nor put into every log line.',
      read.slice(0, 5),
    );
  return outcome(
    'fail',
    'No request id: nothing reads or sets X-Request-ID (or uses asgi-correlation-id).',
  );
};

/** X-Request-ID literals of a module, sorted into writes (to a response's headers) and reads. */
function headerLiterals(
  module: PythonModule,
  writes: Evidence[],
  reads: Evidence[],
): void {
  for (const literal of nodesOf(module, 'string')) {
    if (!HEADER.test(stringValue(literal) ?? '')) continue;
    const use = headerUse(literal);
    if (use === 'writes')
      writes.push(
        evidenceAt(module, literal, 'X-Request-ID set on the response'),
      );
    else if (use === 'reads')
      reads.push(evidenceAt(module, literal, 'X-Request-ID read'));
    else if (use) {
      // REQUEST_ID_HEADER = "X-Request-ID", then headers[REQUEST_ID_HEADER] = …
      const name = use.constant;
      const written = firstMatchIn(
        module,
        new RegExp(
          `headers\\[\\s*${name}\\s*\\]\\s*=(?!=)|\\.(append|setdefault|set)\\(\\s*\\(?\\s*${name}\\b`,
        ),
        'X-Request-ID set on the response',
      );
      if (written) writes.push(written);
      else reads.push(evidenceAt(module, literal, 'X-Request-ID named'));
    }
  }
}
