import type { CheckResult, CheckStatus } from './types';

// A waived check counts as a pass: that is the point of a waiver. Its real status is
// counted in ChecklistResult.scoreWithoutWaivers.
const WEIGHT: Partial<Record<CheckStatus, number>> = {
  pass: 1,
  waived: 1,
  warn: 0.5,
  fail: 0,
  error: 0,
};

/**
 * The checklist score: the weighted share of applicable checks that pass, 0–100.
 *
 * @public
 */
export function computeScore(items: Pick<CheckResult, 'status'>[]): number {
  const applicable = items.filter(item => WEIGHT[item.status] !== undefined);
  if (applicable.length === 0) return 0;
  const total = applicable.reduce((sum, item) => sum + WEIGHT[item.status]!, 0);
  return Math.round((100 * total) / applicable.length);
}

const ORDER: CheckStatus[] = [
  'not-applicable',
  'pass',
  'waived',
  'warn',
  'error',
  'fail',
];

/**
 * The worse of two statuses (fail beats error beats warn beats waived beats pass).
 *
 * @public
 */
export function worstStatus(a: CheckStatus, b: CheckStatus): CheckStatus {
  return ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b;
}
