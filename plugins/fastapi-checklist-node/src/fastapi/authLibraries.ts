/* Objects of authentication libraries whose code the analyzer does not read: fastapi-users, authx. */
import type { Node } from '../python/parser';
import type { PythonProject, Scope } from '../python/project';
import { field } from '../python/syntax';
import { isAuthX, isFastAPIUsers } from './names';

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

/**
 * authx's `security.access_token_required` (or `refresh_token_required`,
 * `fresh_token_required`) on an `AuthX(…)` object: dependencies that refuse a request
 * without a valid token (401).
 */
export function isAuthXRequirement(
  project: PythonProject,
  scope: Scope,
  node: Node,
): boolean {
  if (
    node.type !== 'attribute' ||
    !/^(access|refresh|fresh)_token_required$/.test(
      field(node, 'attribute')?.text ?? '',
    )
  )
    return false;
  const bound = project.resolve(scope, field(node, 'object'));
  return (
    bound?.kind === 'value' &&
    bound.node.type === 'call' &&
    isAuthX(project.resolve(bound.scope, field(bound.node, 'function')))
  );
}
