import type { CheckId } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import type { Check } from './context';
import { authCheck } from './auth';
import { corsCheck } from './cors';
import { dockerfileCheck } from './dockerfile';
import { envSecretsCheck } from './envSecrets';
import { exceptionHandlersCheck } from './exceptionHandlers';
import { healthCheck } from './health';
import { inputValidationCheck } from './inputValidation';
import { loggingCheck } from './logging';
import { responseModelsCheck } from './responseModels';
import { testsCheck } from './testSuite';
import { workersCheck } from './workers';

/** Check implementations by catalogue id: a catalogue id without one fails to compile. */
export const CHECK_IMPLEMENTATIONS: Record<CheckId, Check> = {
  'response-models': responseModelsCheck,
  auth: authCheck,
  'input-validation': inputValidationCheck,
  'exception-handlers': exceptionHandlersCheck,
  cors: corsCheck,
  'env-secrets': envSecretsCheck,
  tests: testsCheck,
  dockerfile: dockerfileCheck,
  workers: workersCheck,
  logging: loggingCheck,
  health: healthCheck,
};
