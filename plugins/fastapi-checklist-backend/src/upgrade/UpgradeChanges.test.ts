import {
  createMockDirectory,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fs from 'node:fs';
import { TestRepository } from '../__fixtures__/testRepository';
import { UpgradeChanges } from './UpgradeChanges';

const root = createMockDirectory();
const BRANCH = 'golden-path/upgrade-0.2.0';

const template: Entity = {
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: {
    name: 'fastapi-service',
    namespace: 'default',
    annotations: { 'fastapi-golden-path/version': '0.2.0' },
  },
  spec: {},
};
const local = (name: string, version: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: {
      'fastapi-golden-path/checklist': 'enabled',
      'fastapi-golden-path/template': `fastapi-service@${version}`,
      'backstage.io/managed-by-location': `file:${root.resolve(
        name,
        'catalog-info.yaml',
      )}`,
    },
  },
  spec: { type: 'service', owner: 'group:default/a', lifecycle: 'production' },
});

function changes(
  entities: Entity[],
  options: { changeLookupLimit?: number; now?: () => number } = {},
) {
  return new UpgradeChanges({
    catalog: catalogServiceMock({ entities: [template, ...entities] }),
    auth: mockServices.auth(),
    localRoot: root.path,
    viewBaseUrl: async () => 'http://portal/api/fastapi-checklist',
    github: async () => {
      throw new Error('no GitHub in these tests');
    },
    ...options,
  });
}

const upgradeOn = async (name: string) => {
  const repo = await TestRepository.create(root.resolve(name), {
    'README.md': '# x\n',
  });
  await repo.upgradeBranch(
    BRANCH,
    { 'app/new.py': 'x = 1\n' },
    {
      fromVersion: '0.1.0',
      toVersion: '0.2.0',
      conflicts: [],
    },
  );
  return repo;
};

describe('UpgradeChanges', () => {
  beforeEach(() => root.clear());

  it('counts a change merged some other way (squashed) once the service records the version', async () => {
    await upgradeOn('orders');
    const upgrade = await changes([]).forEntity(local('orders', '0.2.0'));
    expect(upgrade).toMatchObject({
      version: '0.2.0',
      latest: '0.2.0',
      change: { state: 'merged', branch: BRANCH },
    });
    await expect(
      changes([]).forEntity(local('orders', '0.1.0')),
    ).resolves.toMatchObject({
      change: { state: 'open' },
    });
  });

  it('reports a repository it cannot read instead of failing', async () => {
    fs.mkdirSync(root.resolve('broken'), { recursive: true });
    const upgrade = await changes([]).forEntity(local('broken', '0.1.0'));
    expect(upgrade.change).toBeUndefined();
    expect(upgrade.changeError).toContain('No local repository named broken');
  });

  it('reuses a looked-up state for a while, then reads the repository again', async () => {
    let now = 0;
    const repo = await upgradeOn('orders');
    const upgrades = changes([], { now: () => now });
    const entity = local('orders', '0.1.0');
    expect((await upgrades.forEntity(entity)).change?.state).toBe('open');
    await repo.merge(BRANCH);
    expect((await upgrades.forEntity(entity)).change?.state).toBe('open');
    now = 60_000;
    expect((await upgrades.forEntity(entity)).change?.state).toBe('merged');
  });

  it("looks up a fresh service's change again in the fleet, instead of the one it cached", async () => {
    const fleet = changes([
      local('a-fresh', '0.1.0'),
      local('b-kept', '0.1.0'),
    ]);
    const readable = async (refs: string[]) => new Set(refs);
    const repos = await Promise.all(
      ['a-fresh', 'b-kept'].map(name =>
        TestRepository.create(root.resolve(name), { 'README.md': '# x\n' }),
      ),
    );
    const before = await fleet.forFleet(mockCredentials.none(), readable);
    expect(before.rows.map(row => row.change)).toEqual([undefined, undefined]);
    // a bulk upgrade commits both branches within the cache's minute
    for (const repo of repos)
      await repo.upgradeBranch(
        BRANCH,
        { 'app/new.py': 'x = 1\n' },
        { fromVersion: '0.1.0', toVersion: '0.2.0', conflicts: [] },
      );
    const after = await fleet.forFleet(mockCredentials.none(), readable, {
      fresh: new Set(['component:default/a-fresh']),
    });
    expect(after.rows.map(row => row.change?.state)).toEqual([
      'open',
      undefined,
    ]);
    expect(after.totals.openChanges).toBe(1);
  });

  it('looks up at most changeLookupLimit changes of the fleet and says how many it left', async () => {
    await upgradeOn('a-orders');
    await upgradeOn('b-billing');
    const fleet = await changes(
      [local('a-orders', '0.1.0'), local('b-billing', '0.1.0')],
      { changeLookupLimit: 1 },
    ).forFleet(mockCredentials.none(), async refs => new Set(refs));
    expect(fleet.totals).toEqual({ services: 2, behind: 2, openChanges: 1 });
    expect(fleet.changeLookupLimit).toBe(1);
    expect(fleet.changesNotLookedUp).toBe(1);
    expect(fleet.rows.map(row => row.change?.state)).toEqual([
      'open',
      undefined,
    ]);
  });
});
