import { registerOnApp } from './python/registerOnApp';
import type { Fix } from './types';

const MODULE = [
  '"""Security headers on every response: no MIME sniffing, no framing, HTTPS only."""',
  '',
  'from fastapi import FastAPI, Request, Response',
  'from starlette.middleware.base import RequestResponseEndpoint',
  '',
  'SECURITY_HEADERS = {',
  '    "X-Content-Type-Options": "nosniff",',
  '    "X-Frame-Options": "DENY",',
  '    "Strict-Transport-Security": "max-age=63072000; includeSubDomains",',
  '}',
  '',
  '',
  'def add_security_headers(app: FastAPI) -> None:',
  '    @app.middleware("http")',
  '    async def security_headers(',
  '        request: Request, call_next: RequestResponseEndpoint',
  '    ) -> Response:',
  '        response = await call_next(request)',
  '        # A header a route set itself wins.',
  '        for name, value in SECURITY_HEADERS.items():',
  '            response.headers.setdefault(name, value)',
  '        return response',
];

export const securityHeadersFix: Fix = {
  checkId: 'security-headers',
  changes:
    'adds a middleware module setting X-Content-Type-Options, X-Frame-Options and Strict-Transport-Security (unless a route set them) and applies it to the app',
  propose: service =>
    registerOnApp(service, {
      moduleName: 'security_headers',
      moduleLines: MODULE,
      imports: 'add_security_headers',
      boundName: 'add_security_headers',
      statement: app => `add_security_headers(${app})`,
      where: 'after',
      description:
        'Sets X-Content-Type-Options: nosniff, X-Frame-Options: DENY and Strict-Transport-Security on every response a route has not set them on',
    }),
};
