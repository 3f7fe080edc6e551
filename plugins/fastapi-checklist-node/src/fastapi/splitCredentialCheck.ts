import type { Node } from '../python/parser';
import type { PythonModule, PythonProject, Scope } from '../python/project';
import { descendants, field, methodOfClass } from '../python/syntax';
import { NodeMap } from './nodeMap';

/** How many calls deep a dependency's own helpers are read for a credential check. */
export const MAX_SPLIT_CHECK_DEPTH = 3;

/** What a function and the project functions it calls do: read a credential, refuse. */
type Reach = { reads: boolean; rejects: boolean };

/** Answers per analysis (its project), per function, for one pair of questions. */
export type ReachMemo = WeakMap<PythonProject, NodeMap<Reach>>;

/** splitCredentialCheck's answers. */
const credentialReaches: ReachMemo = new WeakMap();

/** The project function a call calls: `helper(…)`, `Class.method(…)`, `module.helper(…)`. */
function calledFunction(
  project: PythonProject,
  module: PythonModule,
  call: Node,
): { module: PythonModule; func: Node } | undefined {
  const callee = field(call, 'function');
  const scope = project.scopeAt(module, call);
  const symbol = project.resolve(scope, callee);
  if (symbol?.kind === 'definition') {
    if (symbol.node.type === 'function_definition')
      return { module: symbol.scope.module, func: symbol.node };
    return undefined;
  }
  // `AuthUtils.get_jwt(request)`: a method read from the class itself.
  const method = classMethod(project, scope, callee);
  return method && { module: method.scope.module, func: method.func };
}

/**
 * The method a `Class.method` attribute names, read from the class itself (a static
 * method used as a dependency: `Depends(AuthUtils.get_current_user)`), with the scope
 * the class is written in; undefined for anything else.
 */
export function classMethod(
  project: PythonProject,
  scope: Scope,
  node: Node | undefined,
): { scope: Scope; func: Node } | undefined {
  if (node?.type !== 'attribute') return undefined;
  const owner = project.resolve(scope, field(node, 'object'));
  const name = field(node, 'attribute')?.text;
  if (
    owner?.kind !== 'definition' ||
    owner.node.type !== 'class_definition' ||
    !name
  )
    return undefined;
  const func = methodOfClass(owner.node, name);
  return func && { scope: owner.scope, func };
}

/**
 * Whether a function, with the project functions it calls (a few calls deep, methods
 * of a class called through the class included), reads a credential and refuses the
 * request: a home-made check split over helpers (`get_current_user(request)` reading
 * the cookie in `get_jwt` and raising 401 in `user_from_jwt`). Memoised per function.
 */
export function splitCredentialCheck(
  project: PythonProject,
  module: PythonModule,
  func: Node,
  readsCredential: (text: string) => boolean,
  rejects: (text: string) => boolean,
): boolean {
  return reachesBoth(
    project,
    module,
    func,
    readsCredential,
    rejects,
    credentialReaches,
  );
}

/**
 * Whether a function's body and those of the project functions it calls (a few calls
 * deep, `Class.method` calls included) answer both questions, each in some body; the
 * answers kept in `reaches`, one memo per pair of questions.
 */
export function reachesBoth(
  project: PythonProject,
  module: PythonModule,
  func: Node,
  readsCredential: (text: string) => boolean,
  rejects: (text: string) => boolean,
  reaches: ReachMemo,
): boolean {
  let known = reaches.get(project);
  if (!known) reaches.set(project, (known = new NodeMap<Reach>()));
  const memo = known;
  const reach = (where: PythonModule, node: Node, depth: number): Reach => {
    const cached = memo.get(where, node);
    if (cached) return cached;
    const body = field(node, 'body')?.text ?? '';
    const found: Reach = {
      reads: readsCredential(body),
      rejects: rejects(body),
    };
    // Assumed as read so far while being computed: a recursive call adds nothing.
    memo.set(where, node, found);
    if (depth < MAX_SPLIT_CHECK_DEPTH && !(found.reads && found.rejects)) {
      for (const call of descendants(node, 'call')) {
        const called = calledFunction(project, where, call);
        if (!called) continue;
        const inner = reach(called.module, called.func, depth + 1);
        found.reads ||= inner.reads;
        found.rejects ||= inner.rejects;
        if (found.reads && found.rejects) break;
      }
    }
    return found;
  };
  const answer = reach(module, func, 0);
  return answer.reads && answer.rejects;
}
