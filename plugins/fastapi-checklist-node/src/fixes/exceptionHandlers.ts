import { unwiredHelpers, wireHelpers } from './exceptionHandlersWiring';
import { registerOnApp } from './python/registerOnApp';
import type { Fix } from './types';

const MODULE = [
  '"""Exception handlers: an unexpected error answers a JSON 500 and is logged."""',
  '',
  'import logging',
  '',
  'from fastapi import FastAPI, Request',
  'from fastapi.responses import JSONResponse',
  '',
  'logger = logging.getLogger(__name__)',
  '',
  '',
  'async def unhandled_exception_handler(request: Request, exc: Exception) -> JSONResponse:',
  '    logger.exception("Unhandled error on %s %s", request.method, request.url.path)',
  '    return JSONResponse(status_code=500, content={"detail": "Internal Server Error"})',
  '',
  '',
  'def register_exception_handlers(app: FastAPI) -> None:',
  '    app.add_exception_handler(Exception, unhandled_exception_handler)',
];

export const exceptionHandlersFix: Fix = {
  checkId: 'exception-handlers',
  changes:
    "calls the service's own handler registration function with the app when nothing the server runs does; otherwise adds an exception-handler module (unexpected errors answer a JSON 500 and are logged) and registers it on the app",
  propose: service => {
    // The service's own handlers, left unregistered: wire them, never add generic ones.
    const helpers = unwiredHelpers(service);
    if (helpers.length) return wireHelpers(service, helpers);
    return registerOnApp(service, {
      moduleName: 'exception_handlers',
      otherModuleNames: ['error_handlers'],
      moduleLines: MODULE,
      imports: 'register_exception_handlers',
      boundName: 'register_exception_handlers',
      statement: app => `register_exception_handlers(${app})`,
      where: 'after',
      description:
        'Registers an exception handler: an unexpected error answers a JSON 500 without internals and is logged with its traceback',
    });
  },
};
