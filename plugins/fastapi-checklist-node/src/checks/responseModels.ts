import { field, kids } from '../python/syntax';
import { allOf, Check, count, evidenceAt, outcome, verbFor } from './context';
import { isResponseReturn } from '../fastapi/responseReturn';
import { distinctRoutes } from '../fastapi/distinctRoutes';
import { routeLabel } from './routeLabel';
import { modulesMentioning } from './moduleFacts';
import type { FastapiModel, Route, RouteOwner } from '../fastapi/model';
import { isExternal, nodesOf } from '../python/project';
import type { PythonModule, PythonProject } from '../python/project';

/** The router a route is declared on (`@router.post(…)`, `router.add_api_route(…)`). */
function ownerOfRoute(model: FastapiModel, route: Route) {
  const callee = field(route.declaration, 'function');
  return callee && model.ownerOf(route.scope, field(callee, 'object'));
}

/** Routers that only describe OpenAPI callbacks: `callbacks=router.routes`. */
function callbackOwners(
  model: FastapiModel,
  modules: PythonModule[],
  project: PythonProject,
): Set<RouteOwner | undefined> {
  const owners = new Set<RouteOwner | undefined>();
  for (const module of modulesMentioning(modules, /\bcallbacks\b/))
    for (const argument of nodesOf(module, 'keyword_argument')) {
      const value = field(argument, 'value');
      if (
        !field(argument, 'name')?.textIs('callbacks') ||
        value?.type !== 'attribute' ||
        !field(value, 'attribute')?.textIs('routes')
      )
        continue;
      const owner = model.ownerOf(
        project.scopeAt(module, value),
        field(value, 'object'),
      );
      if (owner) owners.add(owner);
    }
  return owners;
}

/**
 * The route declares what it returns: `response_model=`, or a return annotation other than
 * `Any` (which declares nothing unless a non-JSON `response_class` says what is sent);
 * `response_model=None` only beside a Response return or `-> None` (no body, as a 204 sends).
 */
function declaresResponse(route: Route, project: PythonProject): boolean {
  const declared = route.keywords.get('response_model');
  const returnType = field(route.func, 'return_type');
  if (declared && declared.type !== 'none') return true;
  if (!returnType) return false;
  const [inner] = kids(returnType);
  if (declared?.type === 'none')
    return (
      inner?.type === 'none' || isResponseReturn(project, route.scope, inner)
    );
  if (
    isExternal(project.resolve(route.scope, inner), ['typing'], ['Any']) &&
    !route.keywords.has('response_class')
  )
    return false;
  return true;
}

export const responseModelsCheck: Check = ({ model, project, appModules }) => {
  // Callback declarations (a router whose routes are passed as `callbacks=`) are not
  // served; a route hidden from the schema (docs pages, probes) is not judged, though one
  // that declares its response still counts.
  const callbacks = callbackOwners(model, appModules, project);
  const routes = distinctRoutes(
    model.routes.filter(
      route =>
        !route.websocket &&
        (callbacks.size === 0 || !callbacks.has(ownerOfRoute(model, route))) &&
        (!route.hidden || declaresResponse(route, project)),
    ),
  );
  if (routes.length === 0)
    return outcome('not-applicable', 'No HTTP routes found.');
  const lacking = routes.filter(route => !declaresResponse(route, project));
  if (lacking.length === 0) {
    return outcome(
      'pass',
      `${allOf(routes.length, 'HTTP route', {
        one: 'declares',
        many: 'declare',
      })} a response model or return type.`,
    );
  }
  return outcome(
    'fail',
    `${count(lacking.length, 'route')} of ${routes.length} ${verbFor(
      lacking.length,
      { one: 'declares', many: 'declare' },
    )} neither response_model nor a return type.`,
    lacking.map(route =>
      evidenceAt(
        route.module,
        route.func,
        `${routeLabel(route)} has no response model`,
      ),
    ),
  );
};
