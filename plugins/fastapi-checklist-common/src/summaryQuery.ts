import { z } from 'zod';
import { CHECK_IDS } from './checks';

/**
 * The columns GET /summary can sort by.
 *
 * @public
 */
export const SUMMARY_SORTS = ['name', 'score', 'owner', 'evaluatedAt'] as const;
/**
 * The sort directions GET /summary accepts.
 *
 * @public
 */
export const SUMMARY_ORDERS = ['asc', 'desc'] as const;

/** One query-string value: a single string, not a repeated or nested parameter. */
const single = (name: string) => {
  const message = `${name} must be a single string`;
  return z.string({ error: message }).max(200, { error: message });
};

/**
 * The longest page GET /summary serves (rows).
 *
 * @public
 */
export const SUMMARY_MAX_LIMIT = 500;

/** A non-negative whole number in a query string, at most `max`. */
const count = (name: string, min: number, max: number) => {
  const message = `${name} must be a whole number from ${min} to ${max}`;
  return single(name)
    .regex(/^\d{1,9}$/, { error: message })
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, { error: message })
        .max(max, { error: message }),
    );
};

/**
 * The query string of GET /summary: filters, order and page of the org-wide view. Parse a
 * request's query with it; each issue's message names the parameter at fault. Unknown
 * parameters (e.g. `format`) are left out.
 *
 * @public
 */
export const summaryQuerySchema = z.object({
  owner: single('owner').optional(),
  lifecycle: single('lifecycle').optional(),
  failing: single('failing')
    .pipe(
      z.enum(CHECK_IDS, {
        error: `failing must be a check id: ${CHECK_IDS.join(', ')}`,
      }),
    )
    .optional(),
  sort: single('sort')
    .pipe(
      z.enum(SUMMARY_SORTS, {
        error: `sort must be one of ${SUMMARY_SORTS.join(', ')}`,
      }),
    )
    .optional(),
  order: single('order')
    .pipe(z.enum(SUMMARY_ORDERS, { error: 'order must be asc or desc' }))
    .optional(),
  /**
   * A level's name (case-insensitive), or `none` for the services below every level;
   * the backend checks it against the configured levels.
   */
  level: single('level').optional(),
  /** Case-insensitive text in the service's ref, title or owner. */
  search: single('search').optional(),
  /** Rows per page; without it, every matching row. */
  limit: count('limit', 1, SUMMARY_MAX_LIMIT).optional(),
  /** Matching rows skipped before the page. */
  offset: count('offset', 0, 1_000_000_000).optional(),
});

/**
 * Filters, order and page of GET /summary (all optional).
 *
 * @public
 */
export type SummaryQuery = z.infer<typeof summaryQuerySchema>;
