import type { CheckId } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import type { Check } from './context';
import { authCheck } from './auth';
import { ciCheck } from './ciTests';
import { corsCheck } from './cors';
import { dependencyLockCheck } from './dependencyLock';
import { dependencyUpdatesCheck } from './dependencyUpdates';
import { dockerfileCheck } from './dockerfile';
import { envSecretsCheck } from './envSecrets';
import { exceptionHandlersCheck } from './exceptionHandlers';
import { healthCheck } from './health';
import { inputValidationCheck } from './inputValidation';
import { loggingCheck } from './logging';
import { metricsCheck } from './metrics';
import { migrationsCheck } from './migrations';
import { probesCheck } from './probes';
import { rateLimitCheck } from './rateLimit';
import { requestIdCheck } from './requestId';
import { responseModelsCheck } from './responseModels';
import { securityHeadersCheck } from './securityHeaders';
import { testsCheck } from './testSuite';
import { tracingCheck } from './tracing';
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
  tracing: tracingCheck,
  metrics: metricsCheck,
  'request-id': requestIdCheck,
  probes: probesCheck,
  'security-headers': securityHeadersCheck,
  'rate-limit': rateLimitCheck,
  'dependency-lock': dependencyLockCheck,
  'dependency-updates': dependencyUpdatesCheck,
  migrations: migrationsCheck,
  ci: ciCheck,
};
