import type { Route } from '../fastapi/model';
import { field } from '../python/syntax';

/** "POST /items (create_item)" for messages. */
export function routeLabel(route: Route): string {
  const name = field(route.func, 'name')?.text ?? route.generatedName ?? '?';
  const methods = route.websocket ? 'WEBSOCKET' : route.methods.join('|');
  return `${methods} ${route.fullPath || '/'} (${name})`;
}
