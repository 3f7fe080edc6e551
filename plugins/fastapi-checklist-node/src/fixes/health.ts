import { registerOnApp } from './python/registerOnApp';
import type { Fix } from './types';

const MODULE = [
  '"""Liveness endpoint for probes and the container HEALTHCHECK."""',
  '',
  'from fastapi import APIRouter',
  '',
  'router = APIRouter(tags=["health"])',
  '',
  '',
  '@router.get("/health")',
  'def health() -> dict[str, str]:',
  '    """Answers while the process serves requests; checks no dependency."""',
  '    return {"status": "ok"}',
];

export const healthFix: Fix = {
  checkId: 'health',
  changes:
    'adds a health router module (GET /health) beside the module that creates the app and includes it on the app',
  propose: service =>
    registerOnApp(service, {
      moduleName: 'health',
      moduleLines: MODULE,
      imports: 'router as health_router',
      boundName: 'health_router',
      statement: app => `${app}.include_router(health_router)`,
      where: 'after',
      description:
        'Adds GET /health, a liveness route that answers while the process serves requests',
    }),
};
