import {
  ChecklistResult,
  realStatus,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';

/**
 * Each check of a result by id: its real status, and when an active waiver covers it,
 * `@` and the waiver's expiry ("fail@2027-01-31"). What the summary needs to work out
 * scores, levels and waivers on the day it is read; stored as JSON beside the result.
 */
export type CheckStates = Readonly<Record<string, string>>;

/** The check states of a result (waivers applied), empty without one. */
export function checkStatesOf(
  result: ChecklistResult | undefined,
): CheckStates {
  const states: Record<string, string> = {};
  for (const item of result?.items ?? []) {
    const status = realStatus(item);
    states[item.id] = item.waiver ? `${status}@${item.waiver.expires}` : status;
  }
  return states;
}
