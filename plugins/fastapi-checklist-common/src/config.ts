import { CHECK_IDS, isCheckId } from './checks';
import type { CheckSeverity } from './types';

/**
 * Org-wide tuning of the checklist (app-config `fastapiChecklist.checks`).
 *
 * @public
 */
export type ChecklistOptions = {
  checks?: Record<string, { enabled?: boolean; severity?: CheckSeverity }>;
};

/**
 * Throws a clear error naming unknown check ids or bad severities.
 *
 * @public
 */
export function validateChecklistOptions(options: ChecklistOptions): void {
  const unknown = Object.keys(options.checks ?? {}).filter(
    id => !isCheckId(id),
  );
  if (unknown.length) {
    throw new Error(
      `fastapiChecklist.checks has unknown check id(s): ${unknown.join(
        ', ',
      )}. Known checks: ${CHECK_IDS.join(', ')}`,
    );
  }
  for (const [id, check] of Object.entries(options.checks ?? {})) {
    if (
      check.severity !== undefined &&
      !['required', 'recommended'].includes(check.severity)
    ) {
      throw new Error(
        `fastapiChecklist.checks.${id}.severity must be "required" or "recommended" (got "${check.severity}")`,
      );
    }
  }
}
