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
    'adds a dictConfig logging module (stdout, level from LOG_LEVEL) and calls it before the app is created',
  propose: service =>
    registerOnApp(service, {
      moduleName: 'logging_config',
      otherModuleNames: ['logging_setup'],
      moduleLines: MODULE,
      imports: 'configure_logging',
      boundName: 'configure_logging',
      statement: () => 'configure_logging()',
      where: 'before',
      description:
        'Configures logging with dictConfig at startup: one format on stdout, the level from the LOG_LEVEL environment variable',
    }),
};
