import type { Evidence } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import type { Node } from '../python/parser';
import { isExternal, PythonModule, PythonProject } from '../python/project';
import { callParts, field } from '../python/syntax';
import { Check, evidenceAt, outcome } from './context';
import {
  callsOf,
  importsFrom,
  modulesMentioning,
  resolveArgument,
  ResolvedCall,
  resolvedCalls,
} from './moduleFacts';
import { routeLabel } from './routeLabel';

const PROMETHEUS = ['prometheus_client'];
const EXPORTERS = ['starlette_exporter', 'starlette_prometheus'];
const INSTRUMENTATOR = ['prometheus_fastapi_instrumentator'];

const methodOf = (call: Node) => {
  const callee = callParts(call).callee;
  return callee?.type === 'attribute'
    ? field(callee, 'attribute')?.text
    : undefined;
};

/** True when `node` is one of `made` or a name bound to one of them. */
function isMade(
  project: PythonProject,
  module: PythonModule,
  node: Node,
  made: Node[],
): boolean {
  // Nodes are compared with `is`: ids are slots of one module's tree.
  if (made.some(call => call.is(node))) return true;
  const symbol = resolveArgument(project, module, node);
  return symbol?.kind === 'value' && made.some(call => call.is(symbol.node));
}

/** `app.mount("/metrics", make_asgi_app())` or `Mount("/metrics", app=metrics_app)`, directly or through a name. */
function mountedMetricsApps(
  project: PythonProject,
  calls: ResolvedCall[],
): { mounted: Evidence[]; unmounted: Evidence[] } {
  const made = callsOf(calls, PROMETHEUS, ['make_asgi_app']);
  const apps = made.map(({ call }) => call);
  const mounted: Evidence[] = [];
  for (const { module, call, callee } of calls) {
    if (
      methodOf(call) !== 'mount' &&
      !isExternal(callee, ['starlette', 'fastapi'], ['Mount'])
    )
      continue;
    const parts = callParts(call);
    const args = [...parts.positional, ...parts.keywords.values()];
    if (args.some(arg => isMade(project, module, arg, apps)))
      mounted.push(
        evidenceAt(module, call, 'prometheus_client ASGI app mounted'),
      );
  }
  return {
    mounted,
    unmounted: mounted.length
      ? []
      : made.map(({ module, call }) =>
          evidenceAt(module, call, 'make_asgi_app() never mounted'),
        ),
  };
}

export const metricsCheck: Check = ({ project, runtimeModules, model }) => {
  const modules = modulesMentioning(
    runtimeModules,
    /prometheus|starlette_exporter/,
  );
  const calls = resolvedCalls(project, modules);
  const served: Evidence[] = [];
  const partial: Evidence[] = [];

  const apps = mountedMetricsApps(project, calls);
  served.push(...apps.mounted);
  partial.push(...apps.unmounted);
  for (const { module, call } of callsOf(calls, PROMETHEUS, [
    'start_http_server',
    'start_wsgi_server',
  ]))
    served.push(evidenceAt(module, call, 'metrics server on its own port'));

  for (const { module, call, callee } of calls) {
    const method = methodOf(call);
    const instrumentator = importsFrom(module, INSTRUMENTATOR);
    if (instrumentator && method === 'expose')
      served.push(evidenceAt(module, call, 'Instrumentator().expose(app)'));
    else if (instrumentator && method === 'instrument')
      partial.push(evidenceAt(module, call, 'instrumented, never exposed'));
    // starlette_exporter's handle_metrics / starlette_prometheus's metrics as a route.
    if (method === 'add_route' || method === 'route') {
      const handler = callParts(call).positional[1];
      if (
        isExternal(resolveArgument(project, module, handler), EXPORTERS, [
          'handle_metrics',
          'metrics',
        ])
      )
        served.push(evidenceAt(module, call, 'metrics route'));
    }
    if (
      isExternal(callee, EXPORTERS, ['PrometheusMiddleware']) ||
      isExternal(
        resolveArgument(project, module, callParts(call).positional[0]),
        EXPORTERS,
        ['PrometheusMiddleware'],
      )
    )
      partial.push(
        evidenceAt(
          module,
          call,
          'PrometheusMiddleware without a metrics route',
        ),
      );
  }

  // A /metrics route of the app's own serving generate_latest().
  for (const route of model.routes) {
    if (route.websocket || !route.methods.includes('GET')) continue;
    if (!/(^|\/)metrics\/?$/.test(route.fullPath)) continue;
    if (route.func.text.includes('generate_latest'))
      served.push(evidenceAt(route.module, route.func, routeLabel(route)));
  }

  if (served.length)
    return outcome(
      'pass',
      `Prometheus metrics are served (${served[0].message}).`,
      served.slice(0, 5),
    );
  const defined = callsOf(calls, PROMETHEUS, [
    'Counter',
    'Histogram',
    'Gauge',
    'Summary',
  ]);
  partial.push(
    ...defined
      .slice(0, 3)
      .map(({ module, call }) =>
        evidenceAt(module, call, 'metric defined, never exposed'),
      ),
  );
  if (partial.length)
    return outcome(
      'warn',
      'Prometheus metrics are collected but no endpoint serves them (nothing mounts make_asgi_app, calls expose() or routes /metrics).',
      partial.slice(0, 5),
    );
  return outcome(
    'fail',
    'No Prometheus metrics endpoint (make_asgi_app mounted, Instrumentator().expose(), starlette_exporter handle_metrics or a /metrics route).',
  );
};
