import type { Evidence } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { isExternal, nodesOf } from '../python/project';
import { isSecurityScheme } from '../fastapi/names';
import { MUTATING_METHODS, Route } from '../fastapi/model';
import type { Protection } from '../fastapi/dependencies';
import { callParts, field, kids } from '../python/syntax';
import { Check, count, evidenceAt, outcome, ServiceContext } from './context';
import { publicRoutesAmong } from './publicRoutes';
import { distinctRoutes } from '../fastapi/distinctRoutes';
import { routeLabel } from './routeLabel';
import { verifiesWebhookSignature } from '../fastapi/webhookSignature';
import { classViewDependencies } from '../fastapi/classBasedViews';
import { jwtRequiredCall } from './jwtRequired';
import { authenticatingMiddleware, MiddlewareGuard } from './authMiddleware';
import { libraryAuthMiddleware } from './libraryAuthMiddleware';

/** Starlette's `@requires("authenticated")` on the endpoint (with AuthenticationMiddleware). */
function requiresDecorator(
  { project }: ServiceContext,
  route: Route,
): Evidence | undefined {
  const decorated = route.func.parent;
  if (decorated?.type !== 'decorated_definition') return undefined;
  for (const decorator of kids(decorated).filter(k => k.type === 'decorator')) {
    const [expression] = kids(decorator);
    const callee =
      expression?.type === 'call' ? callParts(expression).callee : expression;
    if (
      isExternal(
        project.resolve(route.scope, callee),
        ['starlette'],
        ['requires'],
      )
    )
      return evidenceAt(
        route.module,
        decorator,
        'requires an authenticated user',
      );
  }
  return undefined;
}

/** Where Starlette's AuthenticationMiddleware is added, if it is. */
function authenticationMiddleware({
  project,
  runtimeModules,
}: ServiceContext): Evidence | undefined {
  if (!project.mentions('AuthenticationMiddleware')) return undefined;
  for (const module of runtimeModules) {
    for (const call of nodesOf(module, 'call')) {
      const parts = callParts(call);
      const scope = project.scopeAt(module, call);
      if (
        isExternal(
          project.resolve(scope, parts.positional[0]),
          ['starlette', 'fastapi'],
          ['AuthenticationMiddleware'],
        )
      )
        return evidenceAt(module, call, 'AuthenticationMiddleware');
    }
  }
  return undefined;
}

/** What the routes' schemes are: fastapi.security's, an authentication library's, or both. */
function schemeWords(byScheme: { protection?: Protection }[]): string {
  const library = byScheme.filter(j => j.protection?.library).length;
  if (library === 0) return 'a fastapi.security scheme';
  if (library === byScheme.length) return "an authentication library's scheme";
  return "a fastapi.security or an authentication library's scheme";
}

type Judged = {
  route: Route;
  protection?: Protection;
  requires?: Evidence;
  /** fastapi-jwt-auth's `Authorize.jwt_required()` in the route. */
  jwt?: Evidence;
  /** A home-made authentication middleware on the app whose check the route passes. */
  guard?: MiddlewareGuard;
  /** A webhook verifying its sender's signature (verifiesWebhookSignature). */
  signature?: true;
};

export const authCheck: Check = context => {
  const { model, project, dependencies, appModules } = context;
  const mutating = distinctRoutes(
    model.routes.filter(
      route =>
        route.mounted &&
        route.methods.some(method => MUTATING_METHODS.includes(method)),
    ),
  );
  const middleware = authenticationMiddleware(context);
  const guards = [
    ...authenticatingMiddleware(context),
    ...libraryAuthMiddleware(context),
  ];
  const judge = (route: Route): Judged => {
    for (const dep of [
      ...route.inheritedDependencies,
      ...classViewDependencies(project, route),
    ]) {
      const protection = dependencies.protectionOf(dep);
      if (protection) return { route, protection };
    }
    const protection = dependencies.functionProtection(
      route.func,
      route.scope,
      0,
      false,
    );
    if (protection) return { route, protection };
    const requires = middleware ? requiresDecorator(context, route) : undefined;
    if (requires) return { route, requires };
    const jwt = jwtRequiredCall(project, route);
    if (jwt) return { route, jwt };
    const guard = guards.find(candidate => candidate.covers(route));
    if (guard) return { route, guard };
    return verifiesWebhookSignature(project, route.module, route.func)
      ? { route, signature: true }
      : { route };
  };
  // A public-by-nature route that authenticates anyway (an authenticated password change
  // at /reset-password, a logout) is counted with the protected ones: only the others
  // are asked whether they are public.
  const judgedAll = mutating.map(judge);
  const publicRoutes = publicRoutesAmong(
    mutating,
    project,
    judgedAll
      .filter(
        j => !j.protection && !j.requires && !j.jwt && !j.guard && !j.signature,
      )
      .map(j => j.route),
  );
  const judged = judgedAll.filter(j => !publicRoutes.has(j.route));
  const guarded = judged.map(j => j.route);
  if (guarded.length === 0) {
    return outcome(
      'not-applicable',
      mutating.length
        ? `Only public-by-nature mutating routes (login, sign-up, token refresh…): ${mutating
            .slice(0, 3)
            .map(routeLabel)
            .join(', ')}.`
        : 'No mutating routes that need authentication.',
    );
  }

  const unprotected = judged.filter(
    j => !j.protection && !j.requires && !j.jwt && !j.guard && !j.signature,
  );
  const always = unprotected.filter(j => !j.route.condition);
  if (always.length) {
    const schemes = appModules.some(module =>
      nodesOf(module, 'call').some(call =>
        isSecurityScheme(
          project.resolve(
            project.scopeAt(module, call),
            field(call, 'function'),
          ),
        ),
      ),
    );
    const anyProtected = judged.length > unprotected.length;
    const nothing = !schemes && !anyProtected && !guards.length;
    const summary = nothing
      ? `No security scheme or credential check found, so none of the ${count(
          guarded.length,
          'mutating route',
        )} can require authentication.`
      : `${always.length} of ${count(guarded.length, 'mutating route')} ${
          always.length === 1 ? 'has' : 'have'
        } no authentication dependency.`;
    return outcome(
      'fail',
      summary,
      always.map(({ route }) =>
        evidenceAt(
          route.module,
          route.func,
          nothing
            ? `${routeLabel(route)} is public`
            : `${routeLabel(route)} has no auth dependency`,
        ),
      ),
    );
  }
  if (unprotected.length) {
    return outcome(
      'warn',
      `${count(
        unprotected.length,
        'mutating route',
      )} without authentication, mounted only when ${[
        ...new Set(unprotected.map(j => j.route.condition)),
      ].join(' / ')}.`,
      unprotected.map(({ route }) =>
        evidenceAt(
          route.module,
          route.func,
          `${routeLabel(route)} has no auth dependency; mounted only when ${
            route.condition
          }`,
        ),
      ),
    );
  }

  const byScheme = judged.filter(j => j.protection?.kind === 'scheme');
  const byCheck = judged.filter(j => j.protection?.kind === 'check');
  const byRequires = judged.filter(j => j.requires);
  const evidence: Evidence[] = [];
  const parts: string[] = [];
  if (byScheme.length) {
    const p = byScheme[0].protection!;
    evidence.push(evidenceAt(p.module, p.node, 'security scheme'));
    parts.push(
      `${count(byScheme.length, 'route')} through ${schemeWords(byScheme)}`,
    );
  }
  if (byCheck.length) {
    const p = byCheck[0].protection!;
    const name = field(p.node, 'name')?.text ?? 'a dependency';
    evidence.push(
      evidenceAt(
        p.module,
        p.node,
        'home-made credential check (not documented in OpenAPI)',
      ),
    );
    parts.push(
      `${count(
        byCheck.length,
        'route',
      )} through the home-made check ${name} (no fastapi.security scheme documents it in OpenAPI)`,
    );
  }
  if (byRequires.length && middleware) {
    evidence.push(middleware, byRequires[0].requires!);
    parts.push(
      `${count(
        byRequires.length,
        'route',
      )} through AuthenticationMiddleware and requires()`,
    );
  }
  const byJwt = judged.filter(j => j.jwt);
  if (byJwt.length) {
    evidence.push(byJwt[0].jwt!);
    parts.push(
      `${count(
        byJwt.length,
        'route',
      )} through fastapi-jwt-auth's jwt_required()`,
    );
  }
  const byGuard = judged.filter(j => j.guard);
  if (byGuard.length) {
    const { guard } = byGuard[0];
    evidence.push(guard!.evidence);
    parts.push(
      guard!.library
        ? `${count(
            byGuard.length,
            'route',
          )} through the authentication library's middleware ${guard!.name}`
        : `${count(byGuard.length, 'route')} through the home-made middleware ${
            guard!.name
          } (no fastapi.security scheme documents it in OpenAPI)`,
    );
  }
  const bySignature = judged.filter(j => j.signature);
  if (bySignature.length) {
    const { route } = bySignature[0];
    evidence.push(
      evidenceAt(
        route.module,
        route.func,
        `${routeLabel(route)} verifies its sender's signature`,
      ),
    );
    parts.push(
      `${count(bySignature.length, 'route')} through its sender's signature`,
    );
  }
  return outcome(
    'pass',
    `${
      guarded.length === 1
        ? 'The mutating route requires'
        : `All ${guarded.length} mutating routes require`
    } authentication: ${parts.join('; ')}.`,
    evidence,
  );
};
