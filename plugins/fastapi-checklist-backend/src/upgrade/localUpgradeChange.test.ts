import { createMockDirectory } from '@backstage/backend-test-utils';
import { TestRepository } from '../__fixtures__/testRepository';
import { findLocalUpgradeChange } from './localUpgradeChange';

const BRANCH = 'golden-path/upgrade-0.2.0';
const CONFLICTED = [
  'FROM python:3.13-slim\n',
  '<<<<<<< service\n',
  'RUN echo ours\n',
  '=======\n',
  'RUN echo theirs\n',
  '>>>>>>> fastapi-service 0.2.0\n',
].join('');
const record = (conflicts: { path: string; kind: any }[] = []) => ({
  fromVersion: '0.1.0',
  toVersion: '0.2.0',
  conflicts: conflicts.map(c => ({ ...c, lines: [] })),
});

describe('findLocalUpgradeChange', () => {
  const root = createMockDirectory();
  let repo: TestRepository;
  const find = () =>
    findLocalUpgradeChange({
      dir: repo.dir,
      repository: 'orders',
      branch: BRANCH,
      url: 'http://portal/local/orders/',
    });

  beforeEach(async () => {
    root.clear();
    repo = await TestRepository.create(root.resolve('orders'), {
      Dockerfile: 'FROM python:3.12-slim\n',
      'README.md': '# orders\n',
    });
  });

  it('finds nothing without the branch', async () => {
    await repo.branch('golden-path/upgrade-0.1.5');
    await expect(find()).resolves.toBeUndefined();
  });

  it('is open while the branch waits for review', async () => {
    await repo.upgradeBranch(BRANCH, { 'app/new.py': 'x = 1\n' }, record());
    await expect(find()).resolves.toEqual({
      target: 'local',
      state: 'open',
      branch: BRANCH,
      repository: 'orders',
      url: 'http://portal/local/orders/',
      conflicts: [],
    });
  });

  it('is still open when main moved on without it', async () => {
    await repo.upgradeBranch(BRANCH, { 'app/new.py': 'x = 1\n' }, record());
    await repo.commit({ 'README.md': '# orders, edited\n' }, 'Owners edit');
    await expect(find()).resolves.toMatchObject({ state: 'open' });
  });

  it('is merged once HEAD holds the branch (a merge commit)', async () => {
    await repo.upgradeBranch(BRANCH, { 'app/new.py': 'x = 1\n' }, record());
    await repo.commit({ 'README.md': '# orders, edited\n' }, 'Owners edit');
    await repo.merge(BRANCH);
    await expect(find()).resolves.toMatchObject({
      state: 'merged',
      conflicts: [],
    });
  });

  it('is merged when HEAD is the branch tip (fast-forward)', async () => {
    await repo.upgradeBranch(BRANCH, { 'app/new.py': 'x = 1\n' }, record());
    await repo.merge(BRANCH);
    await expect(find()).resolves.toMatchObject({ state: 'merged' });
  });

  it("has conflicts while the upgrade commit's record lists some", async () => {
    await repo.upgradeBranch(
      BRANCH,
      { Dockerfile: CONFLICTED, 'README.md': null },
      record([
        { path: 'Dockerfile', kind: 'content' },
        { path: 'README.md', kind: 'deleted-modified' },
      ]),
    );
    await expect(find()).resolves.toMatchObject({
      state: 'conflicts',
      conflicts: ['Dockerfile', 'README.md'],
    });
  });

  it('keeps a file whose markers are still there after a later commit, and clears the rest', async () => {
    await repo.upgradeBranch(
      BRANCH,
      { Dockerfile: CONFLICTED, 'docs/a.md': CONFLICTED },
      record([
        { path: 'Dockerfile', kind: 'content' },
        { path: 'docs/a.md', kind: 'content' },
        { path: 'README.md', kind: 'deleted-modified' },
      ]),
    );
    await repo.checkout(BRANCH);
    await repo.commit(
      { Dockerfile: 'FROM python:3.13-slim\nRUN echo both\n' },
      'Resolve the Dockerfile',
    );
    await repo.checkout('main');
    await expect(find()).resolves.toMatchObject({
      state: 'conflicts',
      conflicts: ['docs/a.md'],
    });

    await repo.checkout(BRANCH);
    await repo.commit({ 'docs/a.md': null }, 'Drop docs/a.md');
    await repo.checkout('main');
    await expect(find()).resolves.toMatchObject({
      state: 'open',
      conflicts: [],
    });
  });

  it('is open for a branch without an upgrade record', async () => {
    await repo.branch(BRANCH);
    await repo.checkout(BRANCH);
    await repo.commit({ Dockerfile: CONFLICTED }, 'Hand-made branch');
    await repo.checkout('main');
    await expect(find()).resolves.toMatchObject({
      state: 'open',
      conflicts: [],
    });
  });
});
