import type { Evidence } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { distinctRoutes } from '../fastapi/distinctRoutes';
import { parametersOf } from '../fastapi/dependencies';
import {
  includeRouterCalls,
  type Route,
  type ScopedNode,
} from '../fastapi/model';
import { callParts, field, kids, stringValue } from '../python/syntax';
import { Check, count, evidenceAt, outcome, ServiceContext } from './context';
import { firstMatchIn } from './moduleFacts';
import { isLoginRoute } from './publicRoutes';
import { isFastAPIUsersObject } from '../fastapi/authLibraries';
import { routeLabel } from './routeLabel';

/** A limiter named in a dependency: fastapi-limiter's RateLimiter(...), a rate_limit dependency. */
const LIMITER_NAME = /RateLimiter|rate_?limit|throttl/i;
/** A dependency body that answers 429. */
const ANSWERS_429 = /\b429\b|HTTP_429|TOO_MANY_REQUESTS|RateLimitExceeded/;

/** slowapi's `@limiter.limit("5/minute")` (or `.limits`) on the endpoint. */
function limitDecorator(route: Route): Evidence | undefined {
  const decorated = route.func.parent;
  if (decorated?.type !== 'decorated_definition') return undefined;
  for (const decorator of kids(decorated)) {
    if (decorator.type !== 'decorator') continue;
    const [expression] = kids(decorator);
    const callee =
      expression?.type === 'call' ? callParts(expression).callee : undefined;
    const name =
      callee?.type === 'attribute'
        ? field(callee, 'attribute')?.text
        : undefined;
    if (name === 'limit' || name === 'limits' || name === 'shared_limit')
      return evidenceAt(route.module, decorator, 'rate limit decorator');
  }
  return undefined;
}

/** A dependency of the route that limits: named so, or a function answering 429. */
function limitingDependency(
  { project, dependencies }: ServiceContext,
  route: Route,
): Evidence | undefined {
  const declared: ScopedNode[] = [
    ...route.inheritedDependencies,
    ...parametersOf(route.func).flatMap(param =>
      dependencies.parameterDependencies(param, route.scope),
    ),
  ];
  for (const dependency of declared) {
    if (LIMITER_NAME.test(dependency.node.text))
      return evidenceAt(
        dependency.module,
        dependency.node,
        'rate limit dependency',
      );
    const parts =
      dependency.node.type === 'call' ? callParts(dependency.node) : undefined;
    const target = project.resolve(dependency.scope, parts?.positional[0]);
    if (
      target?.kind === 'definition' &&
      target.node.type === 'function_definition' &&
      ANSWERS_429.test(target.node.text)
    )
      return evidenceAt(
        target.scope.module,
        target.node,
        'dependency answering 429',
      );
  }
  return undefined;
}

/** slowapi applied to every route: default_limits with its middleware. */
function limiterOnEveryRoute({
  runtimeModules,
}: ServiceContext): Evidence | undefined {
  const middleware = runtimeModules
    .map(module =>
      firstMatchIn(
        module,
        /(add_middleware|Middleware)\(\s*SlowAPI(ASGI)?Middleware\b/,
        'slowapi middleware',
      ),
    )
    .find(Boolean);
  if (!middleware) return undefined;
  return runtimeModules
    .map(module =>
      firstMatchIn(
        module,
        /\bdefault_limits\s*=\s*\[\s*\S/,
        'limit on every route',
      ),
    )
    .find(Boolean);
}

/** A login route: its label, where it is declared, and the limit found on it. */
type Login = { label: string; at: Evidence; limit?: Evidence };

/**
 * fastapi-users' login router (`include_router(users.get_auth_router(backend))`, which
 * serves `POST …/login`) where an app mounts it; limited by a limiter among the
 * include_router's dependencies.
 */
function libraryLogins(context: ServiceContext): Login[] {
  const { project, model, appModules } = context;
  const found: Login[] = [];
  if (!project.mentions('get_auth_router')) return found;
  // Every module: the model says whether an app serves the router it is included in.
  for (const module of appModules) {
    for (const { call, callee } of includeRouterCalls(module)) {
      const parts = callParts(call);
      const built = parts.positional[0];
      const builder =
        built?.type === 'call' ? field(built, 'function') : undefined;
      if (
        builder?.type !== 'attribute' ||
        !field(builder, 'attribute')?.textIs('get_auth_router')
      )
        continue;
      const scope = project.scopeAt(module, call);
      if (
        !isFastAPIUsersObject(context.project, scope, field(builder, 'object'))
      )
        continue;
      const parent = model.ownerOf(scope, field(callee, 'object'));
      const [prefix] = parent ? model.mountedPrefixes(parent) : [];
      if (prefix === undefined) continue;
      const own = stringValue(parts.keywords.get('prefix')) ?? '';
      const label = `POST ${prefix}${own}/login (fastapi-users' get_auth_router)`;
      const dependencies = parts.keywords.get('dependencies');
      found.push({
        label,
        at: evidenceAt(module, call, label),
        limit:
          dependencies && LIMITER_NAME.test(dependencies.text)
            ? evidenceAt(
                module,
                dependencies,
                `${label}: rate limit dependency`,
              )
            : undefined,
      });
    }
  }
  return found;
}

export const rateLimitCheck: Check = context => {
  const routes = distinctRoutes(
    context.model.routes.filter(
      route => route.mounted && isLoginRoute(route, context.project),
    ),
  );
  const library = libraryLogins(context);
  if (routes.length === 0 && library.length === 0)
    return outcome('not-applicable', 'No login or token route to protect.');
  const logins: Login[] = [
    ...routes.map(route => {
      const found = limitDecorator(route) ?? limitingDependency(context, route);
      return {
        label: routeLabel(route),
        at: evidenceAt(route.module, route.func, routeLabel(route)),
        limit: found && {
          ...found,
          message: `${routeLabel(route)}: ${found.message}`,
        },
      };
    }),
    ...library,
  ];
  const global = limiterOnEveryRoute(context);
  if (global)
    return outcome(
      'pass',
      `Every route, ${count(
        logins.length,
        'login route',
      )} included, is rate limited.`,
      [global, ...logins.slice(0, 3).map(login => login.at)],
    );
  const limited = logins.flatMap(login => (login.limit ? [login.limit] : []));
  const open = logins.filter(login => !login.limit);
  const openEvidence = open.map(login => ({
    ...login.at,
    message: `${login.label} has no rate limit`,
  }));
  if (open.length === 0)
    return outcome(
      'pass',
      logins.length === 1
        ? `The login route ${logins[0].label} is rate limited.`
        : `All ${count(logins.length, 'login route')} are rate limited.`,
      limited,
    );
  if (limited.length)
    return outcome(
      'warn',
      `${limited.length} of ${count(
        logins.length,
        'login route',
      )} rate limited; ${open.map(login => login.label).join(', ')} not.`,
      [...openEvidence, ...limited],
    );
  return outcome(
    'fail',
    `${
      logins.length === 1
        ? `The login route ${logins[0].label} has no`
        : `None of the ${logins.length} login routes has a`
    } rate limit, so passwords can be guessed at line speed.`,
    openEvidence,
  );
};
