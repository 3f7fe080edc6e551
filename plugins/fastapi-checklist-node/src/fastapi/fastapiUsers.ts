import type { Node } from '../python/parser';
import type { PythonProject, Scope } from '../python/project';
import { field } from '../python/syntax';
import { isFastAPIUsers } from './names';

/**
 * True when `node` names a `FastAPIUsers[...](...)` object (fastapi-users' entry point,
 * subscripted or not), whose `get_auth_router(…)` serves the login route and whose
 * `current_user(…)` makes the authenticated-user dependency.
 */
export function isFastAPIUsersObject(
  project: PythonProject,
  scope: Scope,
  node: Node | undefined,
): boolean {
  const bound = project.resolve(scope, node);
  if (bound?.kind !== 'value' || bound.node.type !== 'call') return false;
  let callee = field(bound.node, 'function');
  if (callee?.type === 'subscript') callee = field(callee, 'value');
  return isFastAPIUsers(project.resolve(bound.scope, callee));
}
