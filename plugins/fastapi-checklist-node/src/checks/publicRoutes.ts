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

/** /health, /api/v1/utils/health-check/, /health/live …: judged by the last path segment. */
export function isHealthPath(path: string): boolean {
  const segments = path.split('/').filter(Boolean);
  return (
    segments.length > 0 &&
    HEALTH_SEGMENTS.has(segments[segments.length - 1].toLowerCase())
  );
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
