import type { Route } from '../fastapi/model';
import { field } from '../python/syntax';
import { Check, evidenceAt, outcome } from './context';
import { isDeclaredHealthCheck } from './health';
import { isHealthPath } from './publicRoutes';
import { routeLabel } from './routeLabel';

/** Kubernetes' and the usual names, in the path's last segment or the function's name. */
const LIVENESS =
  /^(live|livez|liveness|alive)$|(^|_)(live|liveness|alive)(_|$)/i;
const READINESS = /^(ready|readyz|readiness)$|(^|_)(ready|readiness)(_|$)/i;

/** A route's probe names: its path's last literal segment and its function's name. */
function probeNames(route: Route): string[] {
  return [lastSegment(route), field(route.func, 'name')?.text ?? ''];
}

/** The last literal segment of a route's path, lower-cased. */
function lastSegment(route: Route): string {
  const segments = route.fullPath
    .split('/')
    .filter(segment => segment && !segment.startsWith('{'));
  return segments[segments.length - 1] ?? '';
}

/**
 * A liveness and a readiness route, different functions: both named, or one named and
 * another health route beside it (/probe/live + /probe/health that pings the database).
 */
function separateProbes(
  probes: Route[],
  liveness: Route | undefined,
  readiness: Route | undefined,
): [Route, Route] | undefined {
  if (liveness && readiness && !liveness.func.is(readiness.func))
    return [liveness, readiness];
  const named = liveness ?? readiness;
  // Its neighbour first: the other probe of the same probes module.
  const others = probes.filter(route => !route.func.is(named?.func));
  const other =
    others.find(route => route.module === named?.module) ?? others[0];
  if (!named || !other) return undefined;
  return liveness ? [liveness, other] : [other, named];
}

export const probesCheck: Check = ({ model }) => {
  const probes = model.routes.filter(
    route =>
      !route.websocket &&
      (route.methods.includes('GET') || route.methods.includes('HEAD')) &&
      (isHealthPath(route.fullPath) || isDeclaredHealthCheck(route)),
  );
  const liveness = probes.find(route =>
    probeNames(route).some(name => LIVENESS.test(name)),
  );
  const readiness = probes.find(route =>
    probeNames(route).some(name => READINESS.test(name)),
  );
  const pair = separateProbes(probes, liveness, readiness);
  if (pair)
    return outcome(
      'pass',
      `Liveness ${routeLabel(pair[0])} and readiness ${routeLabel(
        pair[1],
      )} are separate routes.`,
      pair.map(route =>
        evidenceAt(route.module, route.func, routeLabel(route)),
      ),
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
