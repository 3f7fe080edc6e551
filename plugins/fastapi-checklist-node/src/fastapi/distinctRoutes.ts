import type { Route } from './model';

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
