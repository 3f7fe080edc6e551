import type { Evidence } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import type { Node } from '../python/parser';
import {
  isExternal,
  nodesOf,
  PySymbol,
  PythonModule,
  PythonProject,
} from '../python/project';
import { callParts, field } from '../python/syntax';

/**
 * The modules whose source matches `pattern`: a cheap text test first, so a check walks
 * the calls of the few modules that can hold what it looks for (the source is one
 * string per file already; slicing the whole of it copies nothing).
 */
export function modulesMentioning(
  modules: PythonModule[],
  pattern: RegExp,
): PythonModule[] {
  return modules.filter(module => pattern.test(module.tree.rootNode.text));
}

/** True when the module imports anything from one of the `roots` packages. */
export function importsFrom(module: PythonModule, roots: string[]): boolean {
  for (const qualified of module.imports.values()) {
    const dot = qualified.indexOf('.');
    if (roots.includes(dot < 0 ? qualified : qualified.slice(0, dot)))
      return true;
  }
  return false;
}

/** A call and what its function resolves to. */
export type ResolvedCall = {
  module: PythonModule;
  call: Node;
  callee: PySymbol | undefined;
};

/** Every call of the modules, with its function resolved in the call's scope. */
export function resolvedCalls(
  project: PythonProject,
  modules: PythonModule[],
): ResolvedCall[] {
  return modules.flatMap(module =>
    nodesOf(module, 'call').map(call => ({
      module,
      call,
      callee: project.resolve(
        project.scopeAt(module, call),
        callParts(call).callee,
      ),
    })),
  );
}

/** The calls whose function is one of `names` from one of the `roots` packages. */
export function callsOf(
  calls: ResolvedCall[],
  roots: string[],
  names: string[],
): ResolvedCall[] {
  return calls.filter(({ callee }) => isExternal(callee, roots, names));
}

/** What an argument (a class passed to add_middleware, Middleware(…)) resolves to. */
export function resolveArgument(
  project: PythonProject,
  module: PythonModule,
  node: Node | undefined,
): PySymbol | undefined {
  return node
    ? project.resolve(project.scopeAt(module, node), node)
    : undefined;
}

/**
 * Evidence at the first line of a module matching `pattern` (a text search, for facts
 * spelled the same way wherever they appear: a dictConfig filter's dotted name), or
 * undefined when no line does.
 */
export function firstMatchIn(
  module: PythonModule,
  pattern: RegExp,
  message: string,
): Evidence | undefined {
  const root = module.tree.rootNode;
  const text = root.text;
  const match = pattern.exec(text);
  if (!match) return undefined;
  const start = text.lastIndexOf('\n', match.index) + 1;
  const end = text.indexOf('\n', match.index);
  // The module node starts at its first token: count from its row.
  let line = root.startPosition.row + 1;
  for (
    let at = text.indexOf('\n');
    at >= 0 && at < match.index;
    at = text.indexOf('\n', at + 1)
  )
    line++;
  const snippet = text.slice(start, end < 0 ? undefined : end).trim();
  return {
    path: module.path,
    line,
    snippet: snippet.length > 120 ? `${snippet.slice(0, 117)}...` : snippet,
    message,
  };
}

/**
 * True when `symbol` is `names` from the `roots` packages, or a class of the project
 * deriving from it (`class RequestIdMiddleware(CorrelationIdMiddleware)`), a few levels up.
 */
export function isOrDerivesFrom(
  project: PythonProject,
  symbol: PySymbol | undefined,
  roots: string[],
  names: string[],
  depth = 0,
): boolean {
  if (isExternal(symbol, roots, names)) return true;
  if (
    depth > 4 ||
    symbol?.kind !== 'definition' ||
    symbol.node.type !== 'class_definition'
  )
    return false;
  const bases = field(symbol.node, 'superclasses');
  for (let base = bases?.firstNamedChild; base; base = base.nextNamedSibling)
    if (
      isOrDerivesFrom(
        project,
        project.resolve(symbol.scope, base),
        roots,
        names,
        depth + 1,
      )
    )
      return true;
  return false;
}
