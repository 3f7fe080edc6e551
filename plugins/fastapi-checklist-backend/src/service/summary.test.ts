import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ChecklistLevel,
  ChecklistSummary,
  NO_LEVEL,
  SummaryQuery,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import type { StoredSummary } from '../database/ChecklistStore';
import { buildSummary } from './summary';
import { summaryFiguresOf } from './summaryFigures';

const LEVELS: ChecklistLevel[] = [
  { name: 'Bronze', checks: ['auth', 'health'] },
  { name: 'Silver', checks: ['cors'] },
];
const TODAY = '2026-11-30';

/**
 * 120 services sharing a few results, as an org's services share the template's: the
 * store hands out shared, read-only states and failing lists (as the database store
 * does), several entities were never evaluated or failed, and waivers are active,
 * expiring within 14 days and expired.
 */
const STATES = [
  { auth: 'pass', health: 'pass', cors: 'pass' }, // Silver
  { auth: 'pass', health: 'pass', cors: 'fail@2027-03-01' }, // waived: Silver
  { auth: 'pass', health: 'fail@2026-12-05', cors: 'fail' }, // waived, soon: Bronze
  { auth: 'fail', health: 'pass', cors: 'warn@2026-11-01' }, // expired: none
];
const FAILING = [[], [], ['cors'], ['auth', 'cors']];

const entities: Entity[] = Array.from({ length: 120 }, (_, i) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: `svc-${String(i).padStart(3, '0')}`,
    namespace: 'default',
    ...(i % 5 === 0 && { title: `Payments ${i}` }),
  },
  spec: {
    owner: `group:default/team-${i % 3}`,
    ...(i % 7 !== 0 && { lifecycle: i % 2 ? 'production' : 'experimental' }),
  },
}));

function summaryOf(i: number): StoredSummary | undefined {
  if (i % 11 === 0) return undefined; // never evaluated: pending
  const entityRef = `component:default/${entities[i].metadata.name}`;
  const evaluatedAt = `2026-11-${String(1 + (i % 28)).padStart(
    2,
    '0',
  )}T00:00:00.000Z`;
  if (i % 13 === 0) {
    return {
      entityRef,
      status: 'error',
      score: null,
      previousScore: 50,
      failing: [],
      checks: {},
      evaluatedAt,
      evaluations: 1,
    };
  }
  const kind = Math.floor(i / 4) % STATES.length;
  return {
    entityRef,
    status: 'ok',
    score: 0, // worked out again from the states as of today
    previousScore: i % 2 ? 40 : null,
    failing: FAILING[kind],
    checks: STATES[kind],
    evaluatedAt,
    evaluations: 2,
  };
}

const stored = new Map(
  entities.flatMap((_, i) => {
    const summary = summaryOf(i);
    return summary ? [[summary.entityRef, summary] as const] : [];
  }),
);
const storedOf = async (refs: string[]) =>
  new Map(
    refs.flatMap(ref => (stored.has(ref) ? [[ref, stored.get(ref)!]] : [])),
  );
const catalog = {
  getEntities: async () => ({ items: entities }),
} as Partial<CatalogService> as CatalogService;

/** The caller may read every service but those whose number is a multiple of 4. */
const readable = async (refs: string[]) =>
  new Set(refs.filter(ref => Number(ref.split('-')[1]) % 4 !== 0));

const summary = (query: SummaryQuery): Promise<ChecklistSummary> =>
  buildSummary({
    catalog,
    stored: storedOf,
    credentials: mockCredentials.user(),
    query,
    readable,
    levels: LEVELS,
    figuresOf: summaryFiguresOf(LEVELS, TODAY),
  });

const QUERIES: SummaryQuery[] = [
  {},
  { sort: 'score' },
  { sort: 'score', order: 'desc' },
  { sort: 'owner', order: 'desc' },
  { sort: 'evaluatedAt' },
  { owner: 'GROUP:default/team-1' },
  { lifecycle: 'Production', sort: 'score' },
  { failing: 'cors' },
  { search: 'payments' },
  { level: 'silver', sort: 'score', order: 'desc' },
  { level: NO_LEVEL },
];

describe('buildSummary', () => {
  it('lists only readable services, with rows worked out as of today', async () => {
    const { rows } = await summary({});
    expect(rows.map(row => row.entityRef)).toEqual(
      entities
        .map((entity, i) => ({
          ref: `component:default/${entity.metadata.name}`,
          i,
        }))
        .filter(({ i }) => i % 4 !== 0)
        .map(({ ref }) => ref),
    );
    const row = (i: number) =>
      rows.find(r => r.entityRef.endsWith(`svc-${String(i).padStart(3, '0')}`));
    // waived cors: counted as passing, the trend from the stored previous score
    expect(row(5)).toEqual({
      entityRef: 'component:default/svc-005',
      title: 'Payments 5',
      owner: 'group:default/team-2',
      lifecycle: 'production',
      status: 'ok',
      score: 100,
      scoreWithoutWaivers: 67,
      level: 'Silver',
      failing: [],
      waived: ['cors'],
      evaluatedAt: '2026-11-06T00:00:00.000Z',
      trend: 60,
      template: undefined,
    });
    // the waiver of 2026-11-01 expired: cors warns again
    expect(row(14)).toMatchObject({
      score: 50,
      scoreWithoutWaivers: 50,
      level: null,
      failing: ['auth'],
      waived: [],
      trend: null,
    });
    expect(row(11)).toMatchObject({
      status: 'pending',
      score: null,
      level: null,
    });
    expect(row(13)).toMatchObject({
      status: 'error',
      score: null,
      trend: null,
    });
  });

  it.each(QUERIES)(
    'totals the matching services and pages them; facets count every readable one (%o)',
    async query => {
      const all = await summary(query);
      const { rows } = all;
      const scored = rows.filter(row => row.score !== null);
      const failures = new Map<string, number>();
      for (const row of rows)
        for (const id of row.failing)
          failures.set(id, (failures.get(id) ?? 0) + 1);
      expect(all.totals).toEqual({
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
        // the health waiver expiring on 2026-12-05 is the only one within 14 days
        waiversExpiringSoon: rows.filter(row => row.waived.includes('health'))
          .length,
      });
      // The facets do not depend on the filters.
      const everything = await summary({});
      expect(all.facets).toEqual(everything.facets);
      expect(everything.facets.levels).toEqual(
        [...LEVELS.map(l => l.name), NO_LEVEL].map(name => ({
          name,
          services: everything.rows.filter(
            row => row.status === 'ok' && (row.level ?? NO_LEVEL) === name,
          ).length,
        })),
      );
      // A page is the same slice of the same order, with the same totals.
      const page = await summary({ ...query, limit: 7, offset: 3 });
      expect(page.rows).toEqual(rows.slice(3, 10));
      expect(page.totals).toEqual(all.totals);
    },
  );

  it('counts the facets over every readable service, whatever the filters', async () => {
    for (const query of [{}, { owner: 'group:default/team-0', limit: 1 }]) {
      const { facets } = await summary(query);
      expect(facets).toEqual({
        owners: [
          'group:default/team-0',
          'group:default/team-1',
          'group:default/team-2',
        ],
        lifecycles: ['experimental', 'production'],
        // 90 readable: 75 evaluated, 8 never, 7 failed
        levels: [
          { name: 'Bronze', services: 18 },
          { name: 'Silver', services: 40 },
          { name: NO_LEVEL, services: 17 },
        ],
      });
    }
    expect((await summary({})).totals.services).toBe(90);
    expect((await summary({ level: 'bronze' })).totals).toMatchObject({
      services: 18,
      waivers: 18,
      waiversExpiringSoon: 18,
    });
  });
});
