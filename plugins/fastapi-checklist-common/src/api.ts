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
  result?: ChecklistResult;
  /** From the entity's template annotation, e.g. fastapi-service@0.1.0. */
  template?: string;
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
  score: number | null;
  failing: string[];
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
  };
  /** The owners and lifecycles of every service the caller may read, whatever the filters. */
  facets: {
    owners: string[];
    lifecycles: string[];
  };
};
