import type { Route } from '../fastapi/model';
import { Check, evidenceAt, outcome } from './context';
import { isHealthPath } from './publicRoutes';
import { routeLabel } from './routeLabel';

/** Kubernetes' and the usual names: /health/live, /livez, /liveness, /healthz (liveness by convention), /ping. */
const LIVENESS = /^(live|livez|liveness|alive|healthz|ping)$/i;
const READINESS = /^(ready|readyz|readiness)$/i;

/** The last literal segment of a route's path, lower-cased. */
function lastSegment(route: Route): string {
  const segments = route.fullPath
    .split('/')
    .filter(segment => segment && !segment.startsWith('{'));
  return segments[segments.length - 1] ?? '';
}

export const probesCheck: Check = ({ model }) => {
  const probes = model.routes.filter(
    route =>
      !route.websocket &&
      (route.methods.includes('GET') || route.methods.includes('HEAD')) &&
      isHealthPath(route.fullPath),
  );
  const liveness = probes.find(route => LIVENESS.test(lastSegment(route)));
  const readiness = probes.find(route => READINESS.test(lastSegment(route)));
  if (liveness && readiness && liveness.func.id !== readiness.func.id)
    return outcome(
      'pass',
      `Liveness ${routeLabel(liveness)} and readiness ${routeLabel(
        readiness,
      )} are separate routes.`,
      [
        evidenceAt(liveness.module, liveness.func, routeLabel(liveness)),
        evidenceAt(readiness.module, readiness.func, routeLabel(readiness)),
      ],
    );
  if (probes.length) {
    const only = readiness ?? liveness ?? probes[0];
    let kind = 'a health';
    if (readiness) kind = 'a readiness';
    else if (liveness) kind = 'a liveness';
    return outcome(
      'warn',
      `Only ${kind} route (${routeLabel(
        only,
      )}): an orchestrator cannot tell a stuck process from an unready dependency.`,
      probes
        .slice(0, 3)
        .map(route => evidenceAt(route.module, route.func, routeLabel(route))),
    );
  }
  return outcome(
    'fail',
    'No probe routes: neither liveness (/health/live, /livez) nor readiness (/health/ready, /readyz).',
  );
};
