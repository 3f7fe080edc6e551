import { declareDependency } from './metrics/declaredDependency';
import { registerOnApp } from './python/registerOnApp';
import { FixProposal, Fix, refuse } from './types';

const REQUIREMENT = {
  range: 'prometheus-client>=0.21',
  // The version the golden path's 0.2.0 skeleton locks, for requirements pinned with ==.
  pinned: 'prometheus-client==0.26.0',
};

const MODULE = [
  '"""Prometheus metrics on GET /metrics: request latency by method, route and status."""',
  '',
  'import time',
  '',
  'from fastapi import FastAPI',
  'from prometheus_client import Histogram, make_asgi_app',
  'from starlette.types import ASGIApp, Message, Receive, Scope, Send',
  '',
  'REQUEST_DURATION = Histogram(',
  '    "http_request_duration_seconds",',
  '    "HTTP request latency by method, route template and status.",',
  '    ["method", "route", "status"],',
  ')',
  '',
  '',
  'class MetricsMiddleware:',
  '    """Pure ASGI; labelled by the route template, not the path, so labels stay few."""',
  '',
  '    def __init__(self, app: ASGIApp) -> None:',
  '        self.app = app',
  '',
  '    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:',
  '        if scope["type"] != "http":',
  '            await self.app(scope, receive, send)',
  '            return',
  '        start = time.perf_counter()',
  '        status = 500',
  '',
  '        async def send_with_status(message: Message) -> None:',
  '            nonlocal status',
  '            if message["type"] == "http.response.start":',
  '                status = message["status"]',
  '            await send(message)',
  '',
  '        try:',
  '            await self.app(scope, receive, send_with_status)',
  '        finally:',
  '            route = getattr(scope.get("route"), "path", "unmatched")',
  '            REQUEST_DURATION.labels(scope["method"], route, str(status)).observe(',
  '                time.perf_counter() - start',
  '            )',
  '',
  '',
  'def add_metrics(app: FastAPI) -> None:',
  '    app.add_middleware(MetricsMiddleware)',
  '    app.mount("/metrics", make_asgi_app())',
];

/**
 * GET /metrics (prometheus-client's ASGI app) and a latency middleware. prometheus-client
 * must be a declared dependency: when it is not, it is added to the declared
 * dependencies, or the fix is refused (a lock the fix cannot regenerate, nothing declared).
 */
export const metricsFix: Fix = {
  checkId: 'metrics',
  changes:
    'adds a metrics module (a pure ASGI middleware timing requests by route template, prometheus-client’s app mounted on /metrics) and applies it to the app; adds prometheus-client to the declared dependencies when missing',
  propose(service): FixProposal {
    const taken = service.model.routes.find(route =>
      /(^|\/)metrics\/?$/.test(route.fullPath),
    );
    if (taken)
      return refuse(
        `${taken.fullPath} is already a route (${taken.module.path}); the fix would not add a second one`,
      );
    const declaration = declareDependency(
      service.files,
      service.root,
      'prometheus-client',
      REQUIREMENT,
    );
    if (declaration.kind === 'refused') return refuse(declaration.reason);
    const proposal = registerOnApp(service, {
      moduleName: 'metrics',
      moduleLines: MODULE,
      imports: 'add_metrics',
      boundName: 'add_metrics',
      statement: app => `add_metrics(${app})`,
      where: 'after',
      description:
        'Serves Prometheus metrics on GET /metrics with a request-latency histogram labelled by method, route template and status',
    });
    if (proposal.kind === 'refused' || declaration.kind === 'declared')
      return proposal;
    return {
      ...proposal,
      edits: [...proposal.edits, declaration.edit],
      description: `${proposal.description} It adds ${declaration.requirement} to ${declaration.edit.path}.`,
    };
  },
};
