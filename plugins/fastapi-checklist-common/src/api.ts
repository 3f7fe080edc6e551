import type { LevelOutcome } from './levels';
import type { ChecklistResult } from './types';

/**
 * GET /entity/:namespace/:kind/:name — the latest evaluation of one entity.
 *
 * @public
 */
export type EntityChecklist = {
  entityRef: string;
  /** `error` when the repository could not be read or analysed; see `error`. */
  status: 'ok' | 'error';
  error?: string;
  evaluatedAt: string;
  /** When a re-check is accepted again (`refresh.minInterval` after `evaluatedAt`). */
  refreshAvailableAt?: string;
  /** With the waivers applied as of the day it is read (an expired one no longer applies). */
  result?: ChecklistResult;
  /** The level the result reaches and what the next one needs (with `result`). */
  level?: LevelOutcome;
  /** From the entity's template annotation, e.g. fastapi-service@0.1.0. */
  template?: string;
  /** The failing or warning checks that have an automatic fix ("Fix it"). */
  fixable?: string[];
};

/**
 * GET /entity/…/history — one past evaluation.
 *
 * @public
 */
export type ChecklistHistoryEntry = {
  evaluatedAt: string;
  status: 'ok' | 'error';
  score: number | null;
  failing: string[];
};

/**
 * One row of GET /summary.
 *
 * @public
 */
export type ChecklistSummaryRow = {
  entityRef: string;
  title?: string;
  owner?: string;
  lifecycle?: string;
  status: 'ok' | 'error' | 'pending';
  /** Waived checks counted as passing. */
  score: number | null;
  /** Waived checks counted at their real status. */
  scoreWithoutWaivers: number | null;
  /** The level reached; null below the first level or without a result. */
  level: string | null;
  failing: string[];
  /** Ids of the checks an active waiver covers. */
  waived: string[];
  evaluatedAt: string | null;
  /** Score change since the previous evaluation, when there is one. */
  trend: number | null;
  template?: string;
};

/**
 * GET /summary: one row per checklist-enabled entity the caller can read, and totals.
 *
 * @public
 */
export type ChecklistSummary = {
  /** The requested page of the matching rows (all of them without `limit`). */
  rows: ChecklistSummaryRow[];
  /** Over every matching row, not only the page. */
  totals: {
    services: number;
    averageScore: number | null;
    mostFailed: { id: string; count: number }[];
    /** Waived checks over the matching services. */
    waivers: number;
    /** Of those, the waivers that expire within 14 days. */
    waiversExpiringSoon: number;
  };
  /**
   * The owners and lifecycles of every service the caller may read, and how many of
   * them are at each level (in the configured order, then `none`: evaluated services
   * below the first level), whatever the filters.
   */
  facets: {
    owners: string[];
    lifecycles: string[];
    levels: { name: string; services: number }[];
  };
};
