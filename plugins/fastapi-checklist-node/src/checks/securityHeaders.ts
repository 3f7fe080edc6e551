import type { Evidence } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { isExternal, nodesOf } from '../python/project';
import { callParts, field, stringValue } from '../python/syntax';
import { Check, evidenceAt, outcome } from './context';
import {
  modulesMentioning,
  resolveArgument,
  resolvedCalls,
} from './moduleFacts';

/** The headers a reviewer asks for, and how each is recognised in a string literal. */
const HEADERS = [
  { name: 'X-Content-Type-Options', matches: /^x-content-type-options$/i },
  {
    name: 'X-Frame-Options',
    // CSP frame-ancestors does the same job.
    matches: /^x-frame-options$|frame-ancestors/i,
  },
  {
    name: 'Strict-Transport-Security',
    matches: /^strict-transport-security$/i,
  },
] as const;

/**
 * Secweb's middleware classes given to `add_middleware`, and the header each sets by
 * default (its all-in-one `SecWeb(app=…)` adds every one of them).
 */
const SECWEB_MIDDLEWARE: Record<string, (typeof HEADERS)[number]['name']> = {
  XContentTypeOptions: 'X-Content-Type-Options',
  XFrame: 'X-Frame-Options',
  HSTS: 'Strict-Transport-Security',
};

export const securityHeadersCheck: Check = ({ project, runtimeModules }) => {
  const modules = modulesMentioning(
    runtimeModules,
    /x-content-type-options|x-frame-options|frame-ancestors|strict-transport-security|\bsecure\b|secweb/i,
  );
  const calls = resolvedCalls(project, modules);
  // The `secure` library sets all of them (nosniff, DENY/SAMEORIGIN, HSTS) by default.
  const library = calls
    .filter(({ callee }) =>
      isExternal(callee, ['secure'], ['Secure', 'with_default_headers']),
    )
    .map(({ module, call }) => evidenceAt(module, call, 'secure library'));
  if (library.length)
    return outcome(
      'pass',
      'Security headers are set by the secure library.',
      library.slice(0, 3),
    );
  // Secweb's all-in-one SecWeb(app=…) adds its 16 middlewares with their default values.
  const secweb = calls
    .filter(({ callee }) => isExternal(callee, ['Secweb'], ['SecWeb']))
    .map(({ module, call }) => evidenceAt(module, call, 'Secweb'));
  if (secweb.length)
    return outcome(
      'pass',
      "Security headers are set by Secweb's SecWeb middleware pack.",
      secweb.slice(0, 3),
    );
  const found = new Map<string, Evidence>();
  for (const { module, call } of calls) {
    const callee = field(call, 'function');
    if (
      callee?.type !== 'attribute' ||
      field(callee, 'attribute')?.text !== 'add_middleware'
    )
      continue;
    const symbol = resolveArgument(
      project,
      module,
      callParts(call).positional[0],
    );
    const header = Object.entries(SECWEB_MIDDLEWARE).find(([name]) =>
      isExternal(symbol, ['Secweb'], [name]),
    )?.[1];
    if (header && !found.has(header))
      found.set(header, evidenceAt(module, call, `${header} (Secweb)`));
  }
  for (const module of modules) {
    for (const literal of nodesOf(module, 'string')) {
      const value = stringValue(literal);
      if (!value || value.length > 300) continue;
      for (const header of HEADERS)
        if (!found.has(header.name) && header.matches.test(value))
          found.set(header.name, evidenceAt(module, literal, header.name));
    }
  }
  const missing = HEADERS.map(h => h.name).filter(name => !found.has(name));
  const evidence = [...found.values()];
  if (missing.length === 0)
    return outcome(
      'pass',
      'X-Content-Type-Options, X-Frame-Options (or CSP frame-ancestors) and Strict-Transport-Security are set.',
      evidence,
    );
  if (evidence.length)
    return outcome(
      'warn',
      `Some security headers are set (${[...found.keys()].join(
        ', ',
      )}), but not ${missing.join(' nor ')}.`,
      evidence,
    );
  return outcome(
    'fail',
    'No security headers: nothing sets X-Content-Type-Options, X-Frame-Options or Strict-Transport-Security.',
  );
};
