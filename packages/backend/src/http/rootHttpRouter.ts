import { rootHttpRouterServiceFactory } from '@backstage/backend-defaults/rootHttpRouter';

/**
 * Drops `error.stack` from JSON error bodies. Backstage's error handlers (the root's and
 * each plugin's own) add the stack in development mode, which `npm start` runs, and a
 * trace names server paths and internals to whoever sent the request; the log keeps it.
 */
type JsonResponse = { statusCode: number; json(body: any): unknown };

export function withoutStackTraces(
  _req: unknown,
  res: JsonResponse,
  next: () => void,
) {
  const json = res.json.bind(res);
  res.json = body => {
    if (res.statusCode >= 400 && body?.error && 'stack' in body.error) {
      const { stack: _stack, ...error } = body.error;
      return json({ ...body, error });
    }
    return json(body);
  };
  next();
}

/** Backstage's root HTTP router with every default, its error bodies without stacks. */
export const rootHttpRouterWithoutStackTraces = rootHttpRouterServiceFactory({
  configure({ app, applyDefaults }) {
    app.use(withoutStackTraces);
    applyDefaults();
  },
});
