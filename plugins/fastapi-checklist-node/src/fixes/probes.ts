import type { ServiceContext } from '../checks/context';
import { isHealthPath } from '../checks/publicRoutes';
import type { Route } from '../fastapi/model';
import { callParts, field, stringValue } from '../python/syntax';
import { bindsName } from './python/appStatement';
import { registerOnApp } from './python/registerOnApp';
import { lineEndingOf } from './textEdits';
import { FixProposal, Fix, refuse } from './types';

const LIVE = '/health/live';
const READY = '/health/ready';
const NOTE =
  'GET /health/ready checks nothing yet: make it fail while a dependency the service needs (its database…) is unreachable.';

const MODULE = [
  '"""Kubernetes probes: liveness (restart a stuck process), readiness (send traffic)."""',
  '',
  'from fastapi import APIRouter',
  '',
  'router = APIRouter(prefix="/health", tags=["health"], include_in_schema=False)',
  '',
  '',
  '@router.get("/live")',
  'def live() -> dict[str, str]:',
  '    """Answers while the process serves requests; checks no dependency."""',
  '    return {"status": "ok"}',
  '',
  '',
  '@router.get("/ready")',
  'def ready() -> dict[str, str]:',
  '    """Ready for traffic: add a check of each dependency the service needs."""',
  '    return {"status": "ok"}',
];

/**
 * The two probe functions, declared on `owner` (a router or the app) under `prefix`; out
 * of the OpenAPI document, as the probes module's are (a committed schema stays true).
 */
function probeLines(owner: string, prefix: string): string[] {
  return [
    `@${owner}.get("${LIVE.slice(prefix.length)}", include_in_schema=False)`,
    'def live() -> dict[str, str]:',
    '    """Liveness: answers while the process serves requests; checks no dependency."""',
    '    return {"status": "ok"}',
    '',
    '',
    `@${owner}.get("${READY.slice(prefix.length)}", include_in_schema=False)`,
    'def ready() -> dict[str, str]:',
    '    """Readiness: add a check of each dependency the service needs."""',
    '    return {"status": "ok"}',
  ];
}

/**
 * The probes appended to the module of the service's one GET health route, on the same
 * router (or app): when that route is a module-level `@owner.get("<literal>")`, the
 * probe paths start with its prefix, and `live` and `ready` are free names there.
 */
function besideHealthRoute(
  service: ServiceContext,
  route: Route,
): FixProposal | undefined {
  const decorated = route.func.parent;
  if (
    decorated?.type !== 'decorated_definition' ||
    decorated.parent?.type !== 'module'
  )
    return undefined;
  const callee = field(route.declaration, 'function');
  const owner =
    callee?.type === 'attribute' ? field(callee, 'object') : undefined;
  const path = stringValue(callParts(route.declaration).positional[0]);
  if (owner?.type !== 'identifier' || path === undefined) return undefined;
  if (!route.fullPath.endsWith(path)) return undefined;
  const prefix = route.fullPath.slice(0, route.fullPath.length - path.length);
  if (!LIVE.startsWith(prefix) || !READY.startsWith(prefix)) return undefined;
  if (['live', 'ready'].some(name => bindsName(route.module, name)))
    return undefined;
  const source = service.files.get(route.module.path)!.toString('utf8');
  const eol = lineEndingOf(source);
  const body = source.replace(/(\r?\n)*$/, '');
  return {
    kind: 'edits',
    edits: [
      {
        path: route.module.path,
        content: `${body}${eol}${eol}${eol}${probeLines(owner.text, prefix)
          .map(line => line + eol)
          .join('')}`,
      },
    ],
    description: `Adds GET ${LIVE} (liveness) and GET ${READY} (readiness) beside the health route of ${route.module.path}, on the same ${owner.text}`,
    notes: [NOTE],
  };
}

/**
 * Separate liveness and readiness routes: beside the service's health route when it has
 * one in a shape the fix understands, else in a router module of their own included on
 * the app. Refused when one of their paths is taken.
 */
export const probesFix: Fix = {
  checkId: 'probes',
  changes:
    'adds GET /health/live and GET /health/ready: beside the service’s health route on its router, or in a probes router module included on the app',
  propose(service): FixProposal {
    const taken = service.model.routes.find(route =>
      [LIVE, READY].includes(route.fullPath.replace(/\/$/, '')),
    );
    if (taken)
      return refuse(
        `${taken.fullPath} is already a route (${taken.module.path}); the fix would not add a second one`,
      );
    const healthRoutes = service.model.routes.filter(
      route =>
        !route.websocket &&
        route.methods.includes('GET') &&
        isHealthPath(route.fullPath),
    );
    const beside =
      healthRoutes.length === 1
        ? besideHealthRoute(service, healthRoutes[0])
        : undefined;
    if (beside) return beside;
    const proposal = registerOnApp(service, {
      moduleName: 'probes',
      moduleLines: MODULE,
      imports: 'router as probes_router',
      boundName: 'probes_router',
      statement: app => `${app}.include_router(probes_router)`,
      where: 'after',
      description: `Adds GET ${LIVE} (liveness) and GET ${READY} (readiness)${
        healthRoutes.length ? ' beside the existing health route' : ''
      }`,
    });
    return proposal.kind === 'edits'
      ? { ...proposal, notes: [NOTE] }
      : proposal;
  },
};
