import type { Route } from '../fastapi/model';
import { field } from '../python/syntax';

/** "POST /items (create_item)" for messages. */
export function routeLabel(route: Route): string {
  const name = field(route.func, 'name')?.text ?? '?';
  const methods = route.websocket ? 'WEBSOCKET' : route.methods.join('|');
  return `${methods} ${route.fullPath || '/'} (${name})`;
}

/** Each path operation once, even when its router is mounted several times. */
export function distinctRoutes(routes: Route[]): Route[] {
  const seen = new Set<string>();
  return routes.filter(route => {
    const key = `${route.module.path}:${route.func.startIndex}:${route.fullPath}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
