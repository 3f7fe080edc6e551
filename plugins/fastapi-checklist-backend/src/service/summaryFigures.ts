import {
  ChecklistLevel,
  CheckStatus,
  computeLevel,
  computeScore,
  isWaivable,
  isWaiverActive,
  isWaiverExpiringSoon,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import type { CheckStates } from '../database/checkStates';

/** What the summary shows of one result on the day it is read. */
export type SummaryFigures = {
  score: number;
  scoreWithoutWaivers: number;
  level: string | null;
  failing: string[];
  waived: string[];
  /** Of the waived checks, those whose waiver expires within 14 days. */
  expiringSoon: number;
};

/**
 * Works out a result's figures from its check states as of `today`: a check whose
 * waiver is active is waived, one whose waiver expired shows its real status. Results
 * share their states objects (the store parses each distinct text once), so the figures
 * of each are worked out once per summary.
 */
export function summaryFiguresOf(
  levels: readonly ChecklistLevel[],
  today: string,
): (states: CheckStates) => SummaryFigures {
  const cache = new WeakMap<CheckStates, SummaryFigures>();
  return states => {
    let figures = cache.get(states);
    if (figures) return figures;
    const real: { id: string; title: string; status: CheckStatus }[] = [];
    const applied: typeof real = [];
    const waived: string[] = [];
    let expiringSoon = 0;
    for (const [id, state] of Object.entries(states)) {
      const [status, expires] = state.split('@') as [CheckStatus, string?];
      real.push({ id, title: id, status });
      const active =
        expires !== undefined &&
        isWaivable(status) &&
        isWaiverActive(expires, today);
      applied.push({ id, title: id, status: active ? 'waived' : status });
      if (active) {
        waived.push(id);
        if (isWaiverExpiringSoon(expires, today)) expiringSoon += 1;
      }
    }
    figures = {
      score: computeScore(applied),
      scoreWithoutWaivers: computeScore(real),
      level: computeLevel(applied, levels).level,
      failing: applied.filter(c => c.status === 'fail').map(c => c.id),
      waived,
      expiringSoon,
    };
    cache.set(states, figures);
    return figures;
  };
}
