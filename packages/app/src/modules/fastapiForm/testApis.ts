import {
  AnyApiRef,
  ApiHolder,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';

/** A fetch that answers the form routes from a table of path → JSON body (or error). */
export function formRoutesFetch(
  routes: Record<string, unknown | { status: number; message: string }>,
) {
  return jest.fn(async (url: string, _init?: RequestInit) => {
    const path = url.replace('http://backend/api/scaffolder/fastapi', '');
    const body = routes[path];
    if (body === undefined) throw new Error(`unexpected request ${url}`);
    const failure =
      typeof body === 'object' && body !== null && 'status' in body
        ? (body as { status: number; message: string })
        : undefined;
    return {
      ok: !failure,
      status: failure?.status ?? 200,
      statusText: failure ? 'Error' : 'OK',
      json: async () =>
        failure ? { error: { message: failure.message } } : body,
    } as Response;
  });
}

export function formApis(fetch: ReturnType<typeof formRoutesFetch>) {
  return [
    [
      discoveryApiRef,
      { getBaseUrl: async (id: string) => `http://backend/api/${id}` },
    ],
    [fetchApiRef, { fetch }],
  ] as const;
}

export function apiHolder(pairs: readonly (readonly [AnyApiRef, unknown])[]) {
  const byId = new Map(pairs.map(([ref, impl]) => [ref.id, impl]));
  return { get: (ref: AnyApiRef) => byId.get(ref.id) } as ApiHolder;
}
