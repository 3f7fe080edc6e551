import type { Route } from '../fastapi/model';
import { field, stringValue } from '../python/syntax';
import { Check, evidenceAt, outcome } from './context';
import { isHealthPath } from './publicRoutes';
import { routeLabel } from './routeLabel';

/** What declares a route the health check: its function, route name or summary. */
const SAYS_HEALTH = /health|^probe$/i;

/**
 * GET /status, /heartbeat or the root / declared as the health check: the function, the
 * route's name or its summary says so (`def health_status`, `add_api_route("/", probe)`).
 */
export function isDeclaredHealthCheck(route: Route): boolean {
  const segments = route.fullPath.split('/').filter(Boolean);
  if (
    segments.length > 0 &&
    !['status', 'heartbeat'].includes(segments[segments.length - 1] ?? '')
  )
    return false;
  const said = [
    field(route.func, 'name')?.text,
    stringValue(route.keywords.get('summary')),
    stringValue(route.keywords.get('name')),
  ];
  return said.some(text => SAYS_HEALTH.test(text ?? ''));
}

export const healthCheck: Check = ({ model }) => {
  const health = model.routes.filter(
    route =>
      !route.websocket &&
      (route.methods.includes('GET') || route.methods.includes('HEAD')) &&
      (isHealthPath(route.fullPath) || isDeclaredHealthCheck(route)),
  );
  if (health.length) {
    return outcome('pass', `Health route ${routeLabel(health[0])}.`, [
      evidenceAt(health[0].module, health[0].func, routeLabel(health[0])),
    ]);
  }
  return outcome(
    'fail',
    'No GET health route (/health, /healthz, /ping, /ready…) found.',
  );
};
