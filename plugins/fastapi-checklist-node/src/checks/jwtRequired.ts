import type { Evidence } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { parametersOf } from '../fastapi/dependencies';
import type { Route } from '../fastapi/model';
import { isExternal, PySymbol, PythonProject } from '../python/project';
import { field, kids } from '../python/syntax';
import { evidenceAt } from './context';

/** fastapi-jwt-auth's (and its async fork's) AuthJWT, or a project class deriving from it. */
function isAuthJWT(
  project: PythonProject,
  symbol: PySymbol | undefined,
  depth = 0,
): boolean {
  if (
    isExternal(
      symbol,
      ['fastapi_jwt_auth', 'async_fastapi_jwt_auth'],
      ['AuthJWT'],
    )
  )
    return true;
  if (
    symbol?.kind !== 'definition' ||
    symbol.node.type !== 'class_definition' ||
    depth > 5
  )
    return false;
  const bases = field(symbol.node, 'superclasses');
  return (bases ? kids(bases) : []).some(base =>
    isAuthJWT(project, project.resolve(symbol.scope, base), depth + 1),
  );
}

/**
 * fastapi-jwt-auth: the route takes `Authorize: AuthJWT = Depends()` and calls
 * `Authorize.jwt_required()` (or `fresh_jwt_required()`, `jwt_refresh_token_required()`),
 * which refuses a missing or invalid token. Taking AuthJWT alone checks nothing.
 */
export function jwtRequiredCall(
  project: PythonProject,
  route: Route,
): Evidence | undefined {
  const body = field(route.func, 'body');
  if (!body || !/_required\(/.test(body.text)) return undefined;
  for (const param of parametersOf(route.func)) {
    const annotation =
      param.annotation?.type === 'type'
        ? param.annotation.firstNamedChild ?? undefined
        : param.annotation;
    if (!/^\w+$/.test(param.name) || !annotation) continue;
    const call = new RegExp(
      `\\b${param.name}\\.(jwt_required|fresh_jwt_required|jwt_refresh_token_required)\\(`,
    ).exec(body.text);
    if (call && isAuthJWT(project, project.resolve(route.scope, annotation)))
      return evidenceAt(route.module, route.func, `${param.name}.${call[1]}()`);
  }
  return undefined;
}
