import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { serviceRepository } from '../__fixtures__/services';
import { TestRepository } from '../__fixtures__/testRepository';
import { ANSWERS_FILE, RepositoryAnswers } from './RepositoryAnswers';
import { UpgradeChanges } from './UpgradeChanges';

const root = createMockDirectory();

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
const local = (name: string, version = '0.1.0'): Entity => ({
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

/** A 0.1.0-shaped service: PostgreSQL, no auth, Python 3.12 with 3 workers; no resource. */
const service = (name: string) =>
  serviceRepository(name, 'group:default/team-a', {
    'app/config.py': [
      'from pydantic_settings import BaseSettings',
      '',
      '',
      'class Settings(BaseSettings):',
      '    DATABASE_URL: str = "postgresql+psycopg://app@localhost:5432/x"',
      '    CORS_ORIGINS: list[str] = ["https://app.example.com"]',
      '',
      '',
      'settings = Settings()',
      '',
    ].join('\n'),
    'app/main.py': [
      'from fastapi import FastAPI',
      '',
      'from app.config import settings',
      '',
      'app = FastAPI()',
      '',
    ].join('\n'),
    Dockerfile:
      'FROM python:3.12-slim\nUSER 1000\nCMD ["uvicorn", "app.main:app", "--workers", "3"]\n',
  });

function upgrades(answers: RepositoryAnswers) {
  return new UpgradeChanges({
    catalog: catalogServiceMock({ entities: [template] }),
    auth: mockServices.auth(),
    localRoot: root.path,
    viewBaseUrl: async () => 'http://portal/api/fastapi-checklist',
    github: async () => {
      throw new Error('no GitHub in these tests');
    },
    answers,
  });
}

const repositoryAnswers = () =>
  new RepositoryAnswers({
    urlReader: mockServices.urlReader.mock(),
    localRoot: root.path,
  });

describe('GET /entity/…/upgrade: answers inferred for the upgrade form', () => {
  beforeEach(() => root.clear());

  it('gives a service behind the template, with no change and no answers file, its answers as the repository states them', async () => {
    await TestRepository.create(root.resolve('billing'), service('billing'));
    const upgrade = await upgrades(repositoryAnswers()).forEntity(
      local('billing'),
    );
    expect(upgrade).toMatchObject({ version: '0.1.0', latest: '0.2.0' });
    expect(upgrade.inferredAnswers).toEqual({
      name: { value: 'billing', path: 'catalog-info.yaml', line: 4 },
      createdFrom: { value: '0.1.0', path: 'catalog-info.yaml', line: 7 },
      lifecycle: { value: 'production', path: 'catalog-info.yaml', line: 10 },
      owner: {
        value: 'group:default/team-a',
        path: 'catalog-info.yaml',
        line: 11,
      },
      database: { value: 'postgresql', path: 'app/config.py', line: 5 },
      // no SECRET_KEY and no security scheme: the template's "none"
      auth: { value: 'none', path: 'app/config.py', line: 4 },
      corsOrigins: {
        value: ['https://app.example.com'],
        path: 'app/config.py',
        line: 6,
      },
      pythonVersion: { value: '3.12', path: 'Dockerfile', line: 1 },
      workers: { value: 3, path: 'Dockerfile', line: 3 },
    });
  });

  it('infers nothing for a repository that records its answers (the upgrade reads them)', async () => {
    await TestRepository.create(root.resolve('billing'), {
      ...service('billing'),
      [ANSWERS_FILE]:
        'template: fastapi-service\nversion: 0.1.0\nanswers: {}\n',
    });
    const upgrade = await upgrades(repositoryAnswers()).forEntity(
      local('billing'),
    );
    expect(upgrade.inferredAnswers).toBeUndefined();
  });

  it('reads no repository for a service on the current version or with an open change', async () => {
    const orders = await TestRepository.create(
      root.resolve('orders'),
      service('orders'),
    );
    await orders.upgradeBranch(
      'golden-path/upgrade-0.2.0',
      { 'app/new.py': 'x = 1\n' },
      { fromVersion: '0.1.0', toVersion: '0.2.0', conflicts: [] },
    );
    await TestRepository.create(root.resolve('current'), service('current'));
    const answers = repositoryAnswers();
    const read = jest.spyOn(answers, 'forEntity');
    const changes = upgrades(answers);
    expect((await changes.forEntity(local('orders'))).change?.state).toBe(
      'open',
    );
    expect(
      (await changes.forEntity(local('current', '0.2.0'))).inferredAnswers,
    ).toBeUndefined();
    expect(read).not.toHaveBeenCalled();
  });

  it('still answers the versions when the repository cannot be read', async () => {
    const upgrade = await upgrades(repositoryAnswers()).forEntity(
      local('gone'),
    );
    expect(upgrade).toEqual({
      version: '0.1.0',
      latest: '0.2.0',
      changeError: expect.stringContaining('No local repository named gone'),
    });
  });

  it('infers in the analysis pool when there is one', async () => {
    await TestRepository.create(root.resolve('billing'), service('billing'));
    const inferrer = {
      inferAnswers: jest.fn().mockResolvedValue({
        database: { value: 'sqlite', path: 'app/config.py', line: 1 },
      }),
    };
    const answers = new RepositoryAnswers({
      urlReader: mockServices.urlReader.mock(),
      localRoot: root.path,
      inferrer,
    });
    const upgrade = await upgrades(answers).forEntity(local('billing'));
    expect(upgrade.inferredAnswers).toEqual({
      database: { value: 'sqlite', path: 'app/config.py', line: 1 },
    });
    const [tree] = inferrer.inferAnswers.mock.calls[0];
    expect([...tree.files.keys()]).toContain('app/config.py');
  });
});
