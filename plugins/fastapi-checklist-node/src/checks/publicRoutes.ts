import type { Route } from '../fastapi/model';

/** Path segments of routes that must stay reachable without a token. */
const PUBLIC_SEGMENTS = new Set([
  'token',
  'login',
  'log-in',
  'signin',
  'sign-in',
  'signup',
  'sign-up',
  'register',
  'password-recovery',
  'recover-password',
  'forgot-password',
  'reset-password',
  'access-token',
]);

const HEALTH_SEGMENTS = new Set([
  'health',
  'healthz',
  'health-check',
  'healthcheck',
  'ping',
  'live',
  'livez',
  'liveness',
  'ready',
  'readyz',
  'readiness',
]);

/** `{camera_id}`, `{path:path}`; not a computed prefix such as `{settings.API_V1_STR}`. */
const PATH_PARAMETER = /^\{[a-z_][a-z0-9_]*(:\w+)?\}$/;

/**
 * /health, /api/v1/utils/health-check/, /health/live, and probes under a health prefix
 * (/api/health/heartbeat, /v1/public/health/redis). A health segment after a path
 * parameter (/cameras/{id}/health) is some resource's health, not the service's.
 */
export function isHealthPath(path: string): boolean {
  for (const segment of path.split('/').filter(Boolean)) {
    if (PATH_PARAMETER.test(segment)) return false;
    if (HEALTH_SEGMENTS.has(segment.toLowerCase())) return true;
  }
  return false;
}

/** Login, signup and password-recovery routes, and hidden health probes. */
export function isPublicByDesign(route: Route): boolean {
  const segments = route.fullPath
    .split('/')
    .filter(s => s && !s.startsWith('{'));
  if (segments.some(segment => PUBLIC_SEGMENTS.has(segment.toLowerCase())))
    return true;
  const hidden = route.keywords.get('include_in_schema')?.type === 'false';
  return hidden && isHealthPath(route.fullPath);
}
