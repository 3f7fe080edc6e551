import { computeScore } from './score';
import type { CheckResult, ChecklistResult, CheckStatus } from './types';

/**
 * Where a repository keeps its waivers, relative to its root.
 *
 * @public
 */
export const WAIVERS_PATH = '.golden-path/waivers.yaml';

/**
 * Days before its expiry that a waiver counts as expiring soon (the org page's count).
 *
 * @public
 */
export const WAIVER_EXPIRING_SOON_DAYS = 14;

/**
 * One well-formed waiver of the waivers file: a check the owners accept not passing, why,
 * until when (a date, inclusive, UTC) and who approved it.
 *
 * @public
 */
export type Waiver = {
  check: string;
  reason: string;
  /** YYYY-MM-DD: the last day the waiver applies. */
  expires: string;
  approvedBy: string;
  /** 1-based line of the waiver in the file. */
  line?: number;
};

/**
 * Something wrong with the waivers: a malformed file or entry (never applied), an
 * expired waiver, a waiver of a check that passes.
 *
 * @public
 */
export type WaiverNote = {
  message: string;
  /** The check the waiver names, when it names one. */
  check?: string;
  line?: number;
};

/**
 * The waivers file as the analyzer read it: the well-formed waivers and the problems of
 * the others (which are not applied).
 *
 * @public
 */
export type WaiverFile = {
  path: string;
  waivers: Waiver[];
  problems: WaiverNote[];
};

/**
 * The waiver covering a `waived` check, with the status the check really has.
 *
 * @public
 */
export type AppliedWaiver = Omit<Waiver, 'check'> & {
  realStatus: 'fail' | 'warn';
};

/**
 * The UTC day (YYYY-MM-DD) of a moment: waivers expire at the end of their day, UTC.
 *
 * @public
 */
export function utcDay(moment: Date): string {
  return moment.toISOString().slice(0, 10);
}

/**
 * Whether a waiver expiring on `expires` still applies on `today` (both YYYY-MM-DD).
 *
 * @public
 */
export function isWaiverActive(expires: string, today: string): boolean {
  return today <= expires;
}

/**
 * Whether an active waiver expires within `days` days of `today`.
 *
 * @public
 */
export function isWaiverExpiringSoon(
  expires: string,
  today: string,
  days: number = WAIVER_EXPIRING_SOON_DAYS,
): boolean {
  const limit = new Date(`${today}T00:00:00Z`);
  limit.setUTCDate(limit.getUTCDate() + days);
  return isWaiverActive(expires, today) && expires < utcDay(limit);
}

/**
 * The status a check has without its waiver.
 *
 * @public
 */
export function realStatus(item: Pick<CheckResult, 'status' | 'waiver'>) {
  return item.status === 'waived' && item.waiver
    ? item.waiver.realStatus
    : item.status;
}

/**
 * Whether a check with this real status can be waived: only a failure or a warning. An
 * `error` (the check could not run) is not waivable: nobody knows what it would say.
 *
 * @public
 */
export function isWaivable(status: CheckStatus): status is 'fail' | 'warn' {
  return status === 'fail' || status === 'warn';
}

/**
 * The result as of `today`: each failing or warning check covered by an active waiver
 * becomes `waived` (never `pass`), every other check shows its real status (a waiver
 * that expired no longer applies); the score counts waived as pass, `scoreWithoutWaivers`
 * at the real statuses; `waiverNotes` lists the file's problems, expired waivers and
 * waivers of checks that need none. Works on a result it already applied to (the real
 * statuses are kept on waived checks), so a stored result is re-applied on every read.
 *
 * @public
 */
export function applyWaivers(
  result: ChecklistResult,
  today: string,
): ChecklistResult {
  const file = result.waivers;
  const byCheck = new Map((file?.waivers ?? []).map(w => [w.check, w]));
  const notes: WaiverNote[] = [...(file?.problems ?? [])];
  const real = result.items.map(item => ({
    ...item,
    status: realStatus(item),
  }));
  const items = real.map((item): CheckResult => {
    const { waiver: _previous, ...rest } = item;
    const waiver = byCheck.get(item.id);
    if (!waiver) return rest;
    const where = { check: waiver.check, line: waiver.line };
    if (!isWaiverActive(waiver.expires, today)) {
      notes.push({
        ...where,
        message: `The waiver of ${item.title} expired on ${waiver.expires}: the check shows its real status (${item.status}).`,
      });
      return rest;
    }
    if (!isWaivable(item.status)) {
      notes.push({
        ...where,
        message: `The waiver of ${item.title} is not needed: the check is ${item.status}.`,
      });
      return rest;
    }
    const { check: _check, ...details } = waiver;
    return {
      ...rest,
      status: 'waived',
      waiver: { ...details, realStatus: item.status },
    };
  });
  // A waiver of a check the result leaves out (turned off in app-config) applies to nothing.
  for (const waiver of byCheck.values()) {
    if (!result.items.some(item => item.id === waiver.check)) {
      notes.push({
        check: waiver.check,
        line: waiver.line,
        message: `The waiver of ${waiver.check} applies to nothing: the check is turned off here.`,
      });
    }
  }
  const { waiverNotes: _stale, ...rest } = result;
  return {
    ...rest,
    items,
    score: computeScore(items),
    scoreWithoutWaivers: computeScore(real),
    ...(notes.length && { waiverNotes: notes }),
  };
}
