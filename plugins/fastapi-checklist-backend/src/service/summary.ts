import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { InputError } from '@backstage/errors';
import {
  ChecklistLevel,
  ChecklistSummary,
  ChecklistSummaryRow,
  NO_LEVEL,
  SummaryQuery,
  TEMPLATE_ANNOTATION,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import {
  listChecklistEntities,
  onlyReadable,
  type ReadableEntities,
} from './checklistEntities';
import type { StoredSummary } from '../database/ChecklistStore';
import type { SummaryFigures } from './summaryFigures';

type SortKey = NonNullable<SummaryQuery['sort']>;

/**
 * An entity the query matches, with what sorting and the totals need: its row is built
 * only if it is on the requested page.
 */
type Candidate = {
  entity: Entity;
  entityRef: string;
  owner: string | undefined;
  lifecycle: string | undefined;
  record: StoredSummary | undefined;
  figures: SummaryFigures | undefined;
  score: number | null;
  failing: readonly string[];
};

/** The value a candidate sorts by; those without a score sort before every scored one. */
const sortKeys: Record<SortKey, (c: Candidate) => number | string> = {
  name: c => c.entityRef,
  score: c => c.score ?? -1,
  owner: c => c.owner ?? '',
  evaluatedAt: c => c.record?.evaluatedAt ?? '',
};

/** Ascending by the key, ties by entity ref (code-unit order: cheap and stable at 10,000 rows). */
function comparator(sort: SortKey): (a: Candidate, b: Candidate) => number {
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

/** The stored summaries of these entities (a cache may answer with more). */
export type StoredSummaries = (
  entityRefs: string[],
) => Promise<ReadonlyMap<string, StoredSummary>>;

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
 * with its stored result (`stored`: the store, or this replica's cache of it), filtered
 * and sorted. Scores, levels and waivers are worked out by `figuresOf` (summaryFiguresOf)
 * as of its day: a waiver that expired since the evaluation no longer counts.
 */
export async function buildSummary(options: {
  catalog: CatalogService;
  stored: StoredSummaries;
  credentials: BackstageCredentials;
  query: SummaryQuery;
  readable: ReadableEntities;
  levels: readonly ChecklistLevel[];
  figuresOf: (states: StoredSummary['checks']) => SummaryFigures;
}): Promise<ChecklistSummary> {
  const { catalog, credentials, query, readable, levels, figuresOf } = options;
  const level = levelFilter(query.level, levels);
  // Every enabled entity, whatever the filters: the facets are over all of them, and one
  // listing serves every filter (the catalog's own filters are case-insensitive, so
  // are these).
  const { entities: items, refs } = await onlyReadable(
    await listChecklistEntities(catalog, credentials, {
      extraFields: ['spec.lifecycle'],
    }),
    readable,
  );
  const stored = await options.stored(refs);
  // One pass over every readable entity: the facets count all of them, the filters keep
  // the candidates, whose totals are summed here; rows are built for the page alone.
  const owners = new Set<string>();
  const lifecycles = new Set<string>();
  const levelCounts = new Map<string, number>();
  const matching = matches(query);
  const candidates: Candidate[] = [];
  items.forEach((entity: Entity, index) => {
    const entityRef = refs[index];
    const owner = entity.spec?.owner as string | undefined;
    const lifecycle = entity.spec?.lifecycle as string | undefined;
    if (owner) owners.add(owner);
    if (lifecycle) lifecycles.add(lifecycle);
    const record = stored.get(entityRef);
    const figures =
      record?.status === 'ok' ? figuresOf(record.checks) : undefined;
    const rowLevel = levelOf(record, figures);
    if (rowLevel !== undefined)
      levelCounts.set(rowLevel, (levelCounts.get(rowLevel) ?? 0) + 1);
    const failing = figures?.failing ?? record?.failing ?? [];
    const candidate: Candidate = {
      entity,
      entityRef,
      owner,
      lifecycle,
      record,
      figures,
      score: figures?.score ?? record?.score ?? null,
      failing,
    };
    if (matching(candidate) && (!level || rowLevel === level))
      candidates.push(candidate);
  });
  const facets = {
    owners: [...owners].sort(),
    lifecycles: [...lifecycles].sort(),
    levels: [...levels.map(l => l.name), NO_LEVEL].map(name => ({
      name,
      services: levelCounts.get(name) ?? 0,
    })),
  };
  const ascending = comparator(query.sort ?? 'name');
  const sign = query.order === 'desc' ? -1 : 1;
  candidates.sort((a, b) => sign * ascending(a, b));

  let scored = 0;
  let scoreSum = 0;
  let waivers = 0;
  let waiversExpiringSoon = 0;
  // Candidates share their lists of failing checks (one per distinct result): counted
  // per list, then per check.
  const failingLists = new Map<readonly string[], number>();
  for (const candidate of candidates) {
    if (candidate.score !== null) {
      scored += 1;
      scoreSum += candidate.score;
    }
    waivers += candidate.figures?.waived.length ?? 0;
    waiversExpiringSoon += candidate.figures?.expiringSoon ?? 0;
    failingLists.set(
      candidate.failing,
      (failingLists.get(candidate.failing) ?? 0) + 1,
    );
  }
  const failures = new Map<string, number>();
  for (const [failing, count] of failingLists)
    for (const id of failing) failures.set(id, (failures.get(id) ?? 0) + count);
  const offset = query.offset ?? 0;
  const page =
    query.limit === undefined && offset === 0
      ? candidates
      : candidates.slice(offset, offset + (query.limit ?? candidates.length));
  return {
    rows: page.map(toRow),
    totals: {
      services: candidates.length,
      averageScore: scored ? Math.round(scoreSum / scored) : null,
      mostFailed: [...failures]
        .map(([id, count]) => ({ id, count }))
        .sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : 1))
        .slice(0, 5),
      waivers,
      waiversExpiringSoon,
    },
    facets,
  };
}

/** A candidate's row as the API shows it. */
function toRow(candidate: Candidate): ChecklistSummaryRow {
  const { entity, entityRef, owner, lifecycle, record, figures, score } =
    candidate;
  const previous = record?.previousScore ?? null;
  return {
    entityRef,
    title: entity.metadata.title,
    owner,
    lifecycle,
    status: record?.status ?? 'pending',
    score,
    scoreWithoutWaivers: figures?.scoreWithoutWaivers ?? score,
    level: figures?.level ?? null,
    failing: [...candidate.failing],
    waived: figures ? [...figures.waived] : [],
    evaluatedAt: record?.evaluatedAt ?? null,
    trend: score !== null && previous !== null ? score - previous : null,
    template: entity.metadata.annotations?.[TEMPLATE_ANNOTATION],
  };
}

/** A result's level for the level filter and counts: NO_LEVEL below the first; none without a result. */
function levelOf(
  record: StoredSummary | undefined,
  figures: SummaryFigures | undefined,
): string | undefined {
  if (record?.status !== 'ok') return undefined;
  return figures?.level ?? NO_LEVEL;
}

/** Whether a candidate passes the query's filters (owner and lifecycle case-insensitively, as the catalog compares). */
function matches(query: SummaryQuery): (candidate: Candidate) => boolean {
  const owner = query.owner?.toLocaleLowerCase('en-US');
  const lifecycle = query.lifecycle?.toLocaleLowerCase('en-US');
  const search = query.search?.trim().toLocaleLowerCase('en-US');
  const { failing } = query;
  return candidate =>
    (!owner || candidate.owner?.toLocaleLowerCase('en-US') === owner) &&
    (!lifecycle ||
      candidate.lifecycle?.toLocaleLowerCase('en-US') === lifecycle) &&
    (!failing || candidate.failing.includes(failing)) &&
    (!search ||
      [
        candidate.entityRef,
        candidate.entity.metadata.title,
        candidate.owner,
      ].some(text => text?.toLocaleLowerCase('en-US').includes(search)));
}
