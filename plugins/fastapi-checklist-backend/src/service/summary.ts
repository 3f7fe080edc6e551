import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { InputError } from '@backstage/errors';
import {
  CHECKLIST_ENABLED_FILTER,
  ChecklistLevel,
  ChecklistSummary,
  ChecklistSummaryRow,
  NO_LEVEL,
  SummaryQuery,
  TEMPLATE_ANNOTATION,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import type { ChecklistStore } from '../database/ChecklistStore';
import { summaryFiguresOf } from './summaryFigures';

type SortKey = NonNullable<SummaryQuery['sort']>;

/** The value a row sorts by; rows without a score sort before every scored one. */
const sortKeys: Record<SortKey, (row: ChecklistSummaryRow) => number | string> =
  {
    name: row => row.entityRef,
    score: row => row.score ?? -1,
    owner: row => row.owner ?? '',
    evaluatedAt: row => row.evaluatedAt ?? '',
  };

/** Ascending by the key, ties by entity ref (code-unit order: cheap and stable at 10,000 rows). */
function comparator(
  sort: SortKey,
): (a: ChecklistSummaryRow, b: ChecklistSummaryRow) => number {
  const key = sortKeys[sort];
  return (a, b) => {
    const [x, y] = [key(a), key(b)];
    if (x < y) return -1;
    if (x > y) return 1;
    if (a.entityRef < b.entityRef) return -1;
    return a.entityRef > b.entityRef ? 1 : 0;
  };
}

/** Of the given entity refs, those whose checklist the caller may read. */
export type ReadableEntities = (entityRefs: string[]) => Promise<Set<string>>;

/**
 * The configured level a `level` filter names (case-insensitively), or NO_LEVEL; an
 * InputError naming the levels for anything else.
 */
function levelFilter(
  level: string | undefined,
  levels: readonly ChecklistLevel[],
): string | undefined {
  if (level === undefined) return undefined;
  const names = [...levels.map(l => l.name), NO_LEVEL];
  const folded = level.toLocaleLowerCase('en-US');
  const name = names.find(n => n.toLocaleLowerCase('en-US') === folded);
  if (!name) throw new InputError(`level must be one of ${names.join(', ')}`);
  return name;
}

/**
 * Every checklist-enabled entity the caller may read (the catalog decides, with the
 * caller's credentials, and then `readable`, the checklist's read permission), joined
 * with its stored result, filtered and sorted. Scores, levels and waivers are worked out
 * as of `today` (YYYY-MM-DD, UTC): a waiver that expired since the evaluation no longer
 * counts.
 */
export async function buildSummary(options: {
  catalog: CatalogService;
  store: ChecklistStore;
  credentials: BackstageCredentials;
  query: SummaryQuery;
  readable: ReadableEntities;
  levels: readonly ChecklistLevel[];
  today: string;
}): Promise<ChecklistSummary> {
  const { catalog, store, credentials, query, readable, levels, today } =
    options;
  const level = levelFilter(query.level, levels);
  const figuresOf = summaryFiguresOf(levels, today);
  const expiringSoon = new Map<string, number>();
  // Every enabled entity, whatever the filters: the facets are over all of them, and one
  // listing serves every filter (the catalog's own filters are case-insensitive, so
  // are these).
  const { items: listed } = await catalog.getEntities(
    {
      filter: { ...CHECKLIST_ENABLED_FILTER },
      fields: [
        'kind',
        'metadata.namespace',
        'metadata.name',
        'metadata.title',
        'metadata.annotations',
        'spec.owner',
        'spec.lifecycle',
      ],
    },
    { credentials },
  );
  const listedRefs = listed.map(entity => stringifyEntityRef(entity));
  const allowed = await readable(listedRefs);
  const items = listed.filter((_, index) => allowed.has(listedRefs[index]));
  const refs = listedRefs.filter(ref => allowed.has(ref));
  const stored = await store.getSummaries(refs);
  let rows: ChecklistSummaryRow[] = items.map((entity: Entity, index) => {
    const record = stored.get(refs[index]);
    const figures =
      record?.status === 'ok' ? figuresOf(record.checks) : undefined;
    const score = figures?.score ?? record?.score ?? null;
    const previous = record?.previousScore ?? null;
    if (figures?.expiringSoon)
      expiringSoon.set(refs[index], figures.expiringSoon);
    return {
      entityRef: refs[index],
      title: entity.metadata.title,
      owner: entity.spec?.owner as string | undefined,
      lifecycle: entity.spec?.lifecycle as string | undefined,
      status: record?.status ?? 'pending',
      score,
      scoreWithoutWaivers: figures?.scoreWithoutWaivers ?? score,
      level: figures?.level ?? null,
      failing: figures?.failing ?? record?.failing ?? [],
      waived: figures?.waived ?? [],
      evaluatedAt: record?.evaluatedAt ?? null,
      trend: score !== null && previous !== null ? score - previous : null,
      template: entity.metadata.annotations?.[TEMPLATE_ANNOTATION],
    };
  });
  const facets = {
    owners: distinct(rows.map(row => row.owner)),
    lifecycles: distinct(rows.map(row => row.lifecycle)),
    levels: [...levels.map(l => l.name), NO_LEVEL].map(name => ({
      name,
      services: rows.filter(row => levelOf(row) === name).length,
    })),
  };
  const matching = matches(query);
  rows = rows.filter(
    row => matching(row) && (!level || levelOf(row) === level),
  );
  const ascending = comparator(query.sort ?? 'name');
  const sign = query.order === 'desc' ? -1 : 1;
  rows.sort((a, b) => sign * ascending(a, b));

  const scored = rows.filter(row => row.score !== null);
  const failures = new Map<string, number>();
  for (const row of rows)
    for (const id of row.failing) failures.set(id, (failures.get(id) ?? 0) + 1);
  const offset = query.offset ?? 0;
  return {
    rows:
      query.limit === undefined && offset === 0
        ? rows
        : rows.slice(offset, offset + (query.limit ?? rows.length)),
    totals: {
      services: rows.length,
      averageScore: scored.length
        ? Math.round(
            scored.reduce((sum, row) => sum + row.score!, 0) / scored.length,
          )
        : null,
      mostFailed: [...failures]
        .map(([id, count]) => ({ id, count }))
        .sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : 1))
        .slice(0, 5),
      waivers: rows.reduce((sum, row) => sum + row.waived.length, 0),
      waiversExpiringSoon: rows.reduce(
        (sum, row) => sum + (expiringSoon.get(row.entityRef) ?? 0),
        0,
      ),
    },
    facets,
  };
}

/** A row's level for the level filter and counts: NO_LEVEL below the first; none without a result. */
function levelOf(row: ChecklistSummaryRow): string | undefined {
  if (row.status !== 'ok') return undefined;
  return row.level ?? NO_LEVEL;
}

/** The distinct values, sorted. */
function distinct(values: (string | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => !!v))].sort();
}

/** Whether a row passes the query's filters (owner and lifecycle case-insensitively, as the catalog compares). */
function matches(query: SummaryQuery): (row: ChecklistSummaryRow) => boolean {
  const owner = query.owner?.toLocaleLowerCase('en-US');
  const lifecycle = query.lifecycle?.toLocaleLowerCase('en-US');
  const search = query.search?.trim().toLocaleLowerCase('en-US');
  const { failing } = query;
  return row =>
    (!owner || row.owner?.toLocaleLowerCase('en-US') === owner) &&
    (!lifecycle || row.lifecycle?.toLocaleLowerCase('en-US') === lifecycle) &&
    (!failing || row.failing.includes(failing)) &&
    (!search ||
      [row.entityRef, row.title, row.owner].some(text =>
        text?.toLocaleLowerCase('en-US').includes(search),
      ));
}
