import type { Evidence } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { distinctRoutes } from '../fastapi/distinctRoutes';
import { parametersOf } from '../fastapi/dependencies';
import type { Route, ScopedNode } from '../fastapi/model';
import { callParts, field, kids } from '../python/syntax';
import { Check, count, evidenceAt, outcome, ServiceContext } from './context';
import { firstMatchIn } from './moduleFacts';
import { isLoginRoute } from './publicRoutes';
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

export const rateLimitCheck: Check = context => {
  const logins = distinctRoutes(
    context.model.routes.filter(route => route.mounted && isLoginRoute(route)),
  );
  if (logins.length === 0)
    return outcome('not-applicable', 'No login or token route to protect.');
  const global = limiterOnEveryRoute(context);
  if (global)
    return outcome(
      'pass',
      `Every route, ${count(
        logins.length,
        'login route',
      )} included, is rate limited.`,
      [
        global,
        ...logins
          .slice(0, 3)
          .map(r => evidenceAt(r.module, r.func, routeLabel(r))),
      ],
    );
  const limited: Evidence[] = [];
  const open: Route[] = [];
  for (const route of logins) {
    const found = limitDecorator(route) ?? limitingDependency(context, route);
    if (found)
      limited.push({
        ...found,
        message: `${routeLabel(route)}: ${found.message}`,
      });
    else open.push(route);
  }
  const openEvidence = open.map(route =>
    evidenceAt(
      route.module,
      route.func,
      `${routeLabel(route)} has no rate limit`,
    ),
  );
  if (open.length === 0)
    return outcome(
      'pass',
      logins.length === 1
        ? `The login route ${routeLabel(logins[0])} is rate limited.`
        : `All ${count(logins.length, 'login route')} are rate limited.`,
      limited,
    );
  if (limited.length)
    return outcome(
      'warn',
      `${limited.length} of ${count(
        logins.length,
        'login route',
      )} rate limited; ${open.map(routeLabel).join(', ')} not.`,
      [...openEvidence, ...limited],
    );
  return outcome(
    'fail',
    `${
      logins.length === 1
        ? `The login route ${routeLabel(logins[0])} has no`
        : `None of the ${logins.length} login routes has a`
    } rate limit, so passwords can be guessed at line speed.`,
    openEvidence,
  );
};
