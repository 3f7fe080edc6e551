import { corsCheck } from '../checks/cors';
import { registerOnApp } from './python/registerOnApp';
import { Fix, refuse } from './types';

const MODULE = [
  '"""CORS: the browser origins allowed to call the API, from CORS_ORIGINS."""',
  '',
  'import os',
  '',
  'from fastapi import FastAPI',
  'from fastapi.middleware.cors import CORSMiddleware',
  '',
  '',
  'def add_cors(app: FastAPI) -> None:',
  '    """Allows the comma-separated CORS_ORIGINS (none if unset), no credentials."""',
  '    origins = os.environ.get("CORS_ORIGINS", "").split(",")',
  '    app.add_middleware(',
  '        CORSMiddleware,',
  '        allow_origins=[origin.strip() for origin in origins if origin.strip()],',
  '        allow_methods=["*"],',
  '        allow_headers=["*"],',
  '    )',
];

export const corsFix: Fix = {
  checkId: 'cors',
  changes:
    'adds a CORS module (CORSMiddleware allowing the origins of the CORS_ORIGINS environment variable, no credentials) and applies it to the app',
  propose(service) {
    // Only the missing middleware is mechanical: a wildcard with credentials or literal
    // origins need the owners to say which origins they serve.
    if (corsCheck(service).evidence.length)
      return refuse(
        'CORSMiddleware is already added; its origins or credentials need an owner to choose them',
      );
    return registerOnApp(service, {
      moduleName: 'cors',
      moduleLines: MODULE,
      imports: 'add_cors',
      boundName: 'add_cors',
      statement: app => `add_cors(${app})`,
      where: 'after',
      description:
        'Adds CORSMiddleware allowing the browser origins listed in the CORS_ORIGINS environment variable (comma-separated; none when unset), without credentials',
    });
  },
};
