import type { Route } from './model';
import { NodeMap } from './nodeMap';

/** Each path operation once, even when its router is mounted several times. */
export function distinctRoutes(routes: Route[]): Route[] {
  // A path operation is its function (one node per module and start) and its full path;
  // most functions have one full path, so a set is made only for a second one.
  // Routes a library generates share their function (the router call): their name tells
  // them apart.
  const seen = new NodeMap<string | Set<string>>();
  return routes.filter(route => {
    const path = route.generatedName
      ? `${route.generatedName} ${route.fullPath}`
      : route.fullPath;
    const known = seen.get(route.module, route.func);
    if (known === undefined) {
      seen.set(route.module, route.func, path);
      return true;
    }
    if (typeof known === 'string') {
      if (known === path) return false;
      seen.set(route.module, route.func, new Set([known, path]));
      return true;
    }
    if (known.has(path)) return false;
    known.add(path);
    return true;
  });
}
