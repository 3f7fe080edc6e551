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
 * The query string of GET /summary: filters and order of the org-wide view. Parse a
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
});

/**
 * Filters and order of GET /summary (all optional).
 *
 * @public
 */
export type SummaryQuery = z.infer<typeof summaryQuerySchema>;
