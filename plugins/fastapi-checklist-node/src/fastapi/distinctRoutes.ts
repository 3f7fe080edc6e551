import type { Route } from './model';
import { NodeMap } from './nodeMap';

/** Each path operation once, even when its router is mounted several times. */
export function distinctRoutes(routes: Route[]): Route[] {
  // A path operation is its function (one node per module and start) and its full path;
  // most functions have one full path, so a set is made only for a second one.
  const seen = new NodeMap<string | Set<string>>();
  return routes.filter(route => {
    const known = seen.get(route.module, route.func);
    if (known === undefined) {
      seen.set(route.module, route.func, route.fullPath);
      return true;
    }
    if (typeof known === 'string') {
      if (known === route.fullPath) return false;
      seen.set(route.module, route.func, new Set([known, route.fullPath]));
      return true;
    }
    if (known.has(route.fullPath)) return false;
    known.add(route.fullPath);
    return true;
  });
}
