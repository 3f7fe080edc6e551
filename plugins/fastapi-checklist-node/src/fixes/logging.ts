import { unwiredLoggingSetups, wireLoggingSetup } from './loggingWiring';
import { appStatement } from './python/appStatement';
import { registerOnApp } from './python/registerOnApp';
import type { Fix } from './types';

const MODULE = [
  '"""Logging configured once at startup: one format, to stdout, level from LOG_LEVEL."""',
  '',
  'import os',
  'from logging.config import dictConfig',
  '',
  'LOGGING = {',
  '    "version": 1,',
  '    "disable_existing_loggers": False,',
  '    "formatters": {',
  '        "default": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},',
  '    },',
  '    "handlers": {',
  '        "stdout": {',
  '            "class": "logging.StreamHandler",',
  '            "formatter": "default",',
  '            "stream": "ext://sys.stdout",',
  '        },',
  '    },',
  '    "root": {"handlers": ["stdout"], "level": os.environ.get("LOG_LEVEL", "INFO")},',
  '}',
  '',
  '',
  'def configure_logging() -> None:',
  '    dictConfig(LOGGING)',
];

export const loggingFix: Fix = {
  checkId: 'logging',
  changes:
    "calls the service's own logging setup before the app is created when nothing the server runs does; otherwise adds a dictConfig logging module (stdout, level from LOG_LEVEL) and calls it there",
  propose: service => {
    // The service's own setup, left uncalled: wire it, never add a second one beside it.
    const found = appStatement(service);
    const setups =
      'refused' in found ? [] : unwiredLoggingSetups(service, found.module);
    if (setups.length) return wireLoggingSetup(service, setups);
    return registerOnApp(service, {
      moduleName: 'logging_config',
      otherModuleNames: ['logging_setup'],
      moduleLines: MODULE,
      imports: 'configure_logging',
      boundName: 'configure_logging',
      statement: () => 'configure_logging()',
      where: 'before',
      description:
        'Configures logging with dictConfig at startup: one format on stdout, the level from the LOG_LEVEL environment variable',
    });
  },
};
