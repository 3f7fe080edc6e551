import type { CheckId } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { corsFix } from './cors';
import { dependencyUpdatesFix } from './dependencyUpdates';
import { dockerfileFix } from './dockerfile';
import { envSecretsFix } from './envSecrets';
import { exceptionHandlersFix } from './exceptionHandlers';
import { healthFix } from './health';
import { loggingFix } from './logging';
import { metricsFix } from './metrics';
import { probesFix } from './probes';
import { requestIdFix } from './requestId';
import { responseModelsFix } from './responseModels';
import { securityHeadersFix } from './securityHeaders';
import type { Fix } from './types';
import { workersFix } from './workers';

/**
 * The automatic fixes, in the order they are applied when several are asked for: a fix
 * may build on an earlier one (the HEALTHCHECK asks the health route `health` adds;
 * `workers` edits the exec-form command `dockerfile` writes).
 */
export const FIXES: readonly Fix[] = [
  healthFix,
  probesFix,
  exceptionHandlersFix,
  loggingFix,
  requestIdFix,
  corsFix,
  securityHeadersFix,
  metricsFix,
  responseModelsFix,
  dockerfileFix,
  workersFix,
  envSecretsFix,
  dependencyUpdatesFix,
];

/** The checks with an automatic fix. */
export const FIXABLE_CHECKS: readonly CheckId[] = FIXES.map(fix => fix.checkId);

export function fixFor(checkId: string): Fix | undefined {
  return FIXES.find(fix => fix.checkId === checkId);
}
