import {
  SummaryQuery,
  summaryQuerySchema,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';

/** The filters the org page offers, kept in its URL. */
export const FILTER_KEYS = ['owner', 'lifecycle', 'failing', 'level'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

/**
 * The org page's filters, read from and written to the query string, so a view can be
 * bookmarked and shared; a value the backend would refuse (e.g. an unknown check id in
 * a hand-edited link) is dropped rather than failing the page.
 */
export function useSummaryFilters(): [
  SummaryQuery,
  (key: FilterKey, value: string | undefined) => void,
] {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = useMemo(() => {
    const parsed: SummaryQuery = {};
    for (const key of FILTER_KEYS) {
      const result = summaryQuerySchema.shape[key].safeParse(
        searchParams.get(key) ?? undefined,
      );
      if (result.success && result.data !== undefined)
        Object.assign(parsed, { [key]: result.data });
    }
    return parsed;
  }, [searchParams]);
  const setFilter = (key: FilterKey, value: string | undefined) =>
    setSearchParams(
      current => {
        const next = new URLSearchParams(current);
        if (value === undefined) next.delete(key);
        else next.set(key, value);
        return next;
      },
      { replace: true },
    );
  return [filters, setFilter];
}
