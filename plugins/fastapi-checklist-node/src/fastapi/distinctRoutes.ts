import type { Route } from './model';

/** Each path operation once, even when its router is mounted several times. */
export function distinctRoutes(routes: Route[]): Route[] {
  // Seen full paths by module path and function start (nested maps: no key string per route).
  const seen = new Map<string, Map<number, Set<string>>>();
  return routes.filter(route => {
    let byStart = seen.get(route.module.path);
    if (!byStart) {
      byStart = new Map();
      seen.set(route.module.path, byStart);
    }
    let paths = byStart.get(route.func.startIndex);
    if (!paths) {
      paths = new Set();
      byStart.set(route.func.startIndex, paths);
    }
    if (paths.has(route.fullPath)) return false;
    paths.add(route.fullPath);
    return true;
  });
}
