/* Objects of authentication libraries whose code the analyzer does not read (fastapi-users, authx, fastapi-keycloak…). */
import type { Node } from '../python/parser';
import type { PySymbol, PythonProject, Scope } from '../python/project';
import { callParts, field } from '../python/syntax';
import { isExternal } from '../python/project';
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

/**
 * What authentication libraries name the dependency that refuses a request without a
 * valid user or token: fastapi-users' `current_user(…)`, fastapi-keycloak's
 * `get_current_user(…)`, authx's `access_token_required`.
 */
const USER_DEPENDENCY =
  /^((get_)?current_(active_)?user|(access|fresh|refresh)_token_required)$/;

/**
 * A library object's authenticated-user dependency, taken as `obj.name` or
 * `obj.name(…)`, where `obj` is made by a library class we cannot read
 * (`FastAPIUsers[User, int](…)`, `FastAPIKeycloak(…)`, `AuthX(…)`); not with
 * `optional=True`.
 */
export function isLibraryUserDependency(
  project: PythonProject,
  scope: Scope,
  node: Node,
): boolean {
  const target = node.type === 'call' ? field(node, 'function') : node;
  if (
    target?.type !== 'attribute' ||
    !USER_DEPENDENCY.test(field(target, 'attribute')?.text ?? '') ||
    (node.type === 'call' &&
      callParts(node).keywords.get('optional')?.text === 'True')
  )
    return false;
  const bound = project.resolve(scope, field(target, 'object'));
  if (bound?.kind !== 'value' || bound.node.type !== 'call') return false;
  let made = field(bound.node, 'function');
  if (made?.type === 'subscript') made = field(made, 'value');
  return project.resolve(bound.scope, made)?.kind === 'external';
}

/**
 * A library function handing a route the user its authentication middleware set
 * (fastapi-keycloak-middleware's `get_user`/`get_auth`): it refuses nothing itself, so it
 * protects only a function that refuses when the user is missing.
 */
export const isLibraryUserAccessor = (symbol: PySymbol | undefined) =>
  isExternal(symbol, ['fastapi_keycloak_middleware'], ['get_user', 'get_auth']);
