import { isHealthPath } from '../checks/publicRoutes';
import { registerOnApp } from './python/registerOnApp';
import { FixProposal, Fix, refuse } from './types';

const PROBE_PATHS = ['/health/live', '/health/ready'];

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
 * Separate liveness and readiness routes in a router module of their own, included on
 * the app beside the health route it may have; refused when one of their paths is taken.
 */
export const probesFix: Fix = {
  checkId: 'probes',
  changes:
    'adds a probes router (GET /health/live and GET /health/ready) beside the module that creates the app and includes it on the app',
  propose(service): FixProposal {
    const taken = service.model.routes.find(route =>
      PROBE_PATHS.includes(route.fullPath.replace(/\/$/, '')),
    );
    if (taken)
      return refuse(
        `${taken.fullPath} is already a route (${taken.module.path}); the fix would not add a second one`,
      );
    const health = service.model.routes.some(route =>
      isHealthPath(route.fullPath),
    );
    const proposal = registerOnApp(service, {
      moduleName: 'probes',
      moduleLines: MODULE,
      imports: 'router as probes_router',
      boundName: 'probes_router',
      statement: app => `${app}.include_router(probes_router)`,
      where: 'after',
      description: `Adds GET /health/live (liveness) and GET /health/ready (readiness)${
        health ? ' beside the existing health route' : ''
      }`,
    });
    return proposal.kind === 'edits'
      ? {
          ...proposal,
          notes: [
            'GET /health/ready checks nothing yet: make it fail while a dependency the service needs (its database…) is unreachable.',
          ],
        }
      : proposal;
  },
};
