import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { readChecklistOptions } from '@fastapi-golden-path/plugin-fastapi-checklist-node';
import { serviceRepository } from '../__fixtures__/services';
import { DatabaseChecklistStore } from '../database/DatabaseChecklistStore';
import { ChecklistService } from './ChecklistService';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const root = createMockDirectory();

function entityOf(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'fastapi-golden-path/checklist': 'enabled',
        'backstage.io/managed-by-location': `file:${root.resolve(
          name,
          'catalog-info.yaml',
        )}`,
      },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  };
}

// The small service has a health route and configures no logging.
const WAIVERS = [
  'waivers:',
  '  - check: logging',
  '    reason: Logs go to stdout through the platform sidecar',
  '    expires: 2026-06-30',
  '    approvedBy: group:default/platform',
  '  - check: tracing',
  '    reason: missing its expiry',
  '    approvedBy: jane',
  '',
].join('\n');

describe('waivers and levels, as the service shows them day by day', () => {
  const waived = entityOf('waived');
  const plain = entityOf('plain');
  let clock = new Date('2026-06-01T12:00:00Z');
  let service: ChecklistService;
  const summary = (query = {}) =>
    service.summary(query, mockCredentials.user(), async refs => new Set(refs));

  beforeAll(async () => {
    root.setContent({
      waived: serviceRepository('waived', 'team-a', {
        '.golden-path/waivers.yaml': WAIVERS,
      }),
      plain: serviceRepository('plain', 'team-a'),
    });
    service = new ChecklistService({
      catalog: catalogServiceMock({ entities: [waived, plain] }),
      auth: mockServices.auth(),
      urlReader: mockServices.urlReader.mock(),
      store: await DatabaseChecklistStore.create({
        database: mockServices.database({
          knex: await databases.init('SQLITE_3'),
          migrations: { skip: false },
        }),
      }),
      logger: mockServices.logger.mock(),
      checklist: readChecklistOptions(new ConfigReader({})),
      levels: [
        { name: 'Up', checks: ['health'] },
        { name: 'Logged', checks: ['logging'] },
      ],
      localRoot: root.path,
      historyLimit: 50,
      concurrency: 1,
      claimTimeout: 60_000,
      minRefreshInterval: 0,
      now: () => clock,
    });
  });

  it('shows a waived check with its waiver, both scores, the level and the waiver problems', async () => {
    const checklist = await service.checklist(waived);
    const logging = checklist.result!.items.find(i => i.id === 'logging')!;
    expect(logging).toMatchObject({
      status: 'waived',
      waiver: {
        reason: 'Logs go to stdout through the platform sidecar',
        expires: '2026-06-30',
        approvedBy: 'group:default/platform',
        realStatus: 'fail',
      },
    });
    expect(checklist.result!.score).toBeGreaterThan(
      checklist.result!.scoreWithoutWaivers!,
    );
    expect(checklist.level).toEqual({ level: 'Logged' });
    expect(checklist.result!.waiverNotes).toEqual([
      {
        message:
          'Waiver 2 (tracing) lacks an expiry date (expires): not applied.',
        line: 6,
        check: 'tracing',
      },
    ]);
    expect((await service.checklist(plain)).level).toEqual({
      level: 'Up',
      next: {
        name: 'Logged',
        missing: [
          { id: 'logging', title: 'Logging configured', status: 'fail' },
        ],
      },
    });

    const all = await summary();
    expect(all.facets.levels).toEqual([
      { name: 'Up', services: 1 },
      { name: 'Logged', services: 1 },
      { name: 'none', services: 0 },
    ]);
    expect(all.totals).toMatchObject({ waivers: 1, waiversExpiringSoon: 0 });
    const logged = await summary({ level: 'logged' });
    expect(logged.rows).toEqual([
      expect.objectContaining({
        entityRef: 'component:default/waived',
        level: 'Logged',
        waived: ['logging'],
        score: checklist.result!.score,
        scoreWithoutWaivers: checklist.result!.scoreWithoutWaivers,
      }),
    ]);
    expect(logged.rows[0].failing).not.toContain('logging');
  });

  it('counts a waiver expiring within 14 days', async () => {
    clock = new Date('2026-06-17T00:00:00Z');
    expect((await summary()).totals).toMatchObject({
      waivers: 1,
      waiversExpiringSoon: 1,
    });
  });

  it('reverts to the real status once the waiver expires, though the repository did not change', async () => {
    clock = new Date('2026-07-01T00:00:00Z');
    // read without any evaluation: the card and the summary agree at once
    const checklist = await service.checklist(waived);
    const logging = checklist.result!.items.find(i => i.id === 'logging')!;
    expect(logging.status).toBe('fail');
    expect(logging.waiver).toBeUndefined();
    expect(checklist.result!.score).toBe(checklist.result!.scoreWithoutWaivers);
    expect(checklist.level?.level).toBe('Up');
    expect(checklist.result!.waiverNotes).toContainEqual({
      check: 'logging',
      line: 2,
      message:
        'The waiver of Logging configured expired on 2026-06-30: the check shows its real status (fail).',
    });
    const row = (await summary({ level: 'Up' })).rows.find(
      r => r.entityRef === 'component:default/waived',
    );
    expect(row).toMatchObject({ waived: [], level: 'Up' });
    expect(row?.failing).toContain('logging');
    expect((await summary()).totals).toMatchObject({
      waivers: 0,
      waiversExpiringSoon: 0,
    });

    // a re-check of the unchanged repository stores it, with a history entry
    const [before] = await service.history(waived);
    const rechecked = await service.refresh(waived);
    expect(rechecked.result!.items.find(i => i.id === 'logging')!.status).toBe(
      'fail',
    );
    const history = await service.history(waived);
    expect(history).toHaveLength(2);
    expect(history[0].failing).toContain('logging');
    expect(before.failing).not.toContain('logging');
  });
});
