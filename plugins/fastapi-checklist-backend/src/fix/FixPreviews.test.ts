import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import {
  AnalysisPool,
  DEFAULT_ANALYSIS_LIMITS,
} from '@fastapi-golden-path/plugin-fastapi-checklist-node';
import { serviceRepository } from '../__fixtures__/services';
import { FixPreviews } from './FixPreviews';

const root = createMockDirectory();
const pools: AnalysisPool[] = [];
function pool(timeoutMs: number) {
  const created = new AnalysisPool({
    workers: 1,
    workerMaxHeapMb: 512,
    timeoutMs,
    limits: DEFAULT_ANALYSIS_LIMITS,
  });
  pools.push(created);
  return created;
}
afterAll(() => Promise.all(pools.map(p => p.close())));

// Workers load the TypeScript sources through the node transform.
jest.setTimeout(180_000);

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'orders',
    annotations: {
      'backstage.io/managed-by-location': `file:${root.resolve(
        'orders',
        'catalog-info.yaml',
      )}`,
    },
  },
};

function previews(timeoutMs: number) {
  return new FixPreviews({
    urlReader: mockServices.urlReader.mock(),
    checklist: {},
    localRoot: root.path,
    timeoutMs,
    fixer: pool(timeoutMs),
  });
}

describe('FixPreviews in the analysis pool', () => {
  beforeAll(() => {
    root.setContent({
      orders: serviceRepository('orders', 'group:default/a', {
        Dockerfile:
          'FROM python:3.13-slim\nCOPY app ./app\nCMD fastapi run app/main.py\n',
      }),
    });
  });

  it('runs the fixes in a worker and answers the diff', async () => {
    const preview = await previews(120_000).preview(entity, ['dockerfile']);
    expect(preview.fixed).toEqual([
      { id: 'dockerfile', from: 'warn', to: 'pass' },
    ]);
    expect(preview.files.map(f => f.path)).toEqual(['Dockerfile']);
    expect(preview.files[0].diff).toContain('-CMD fastapi run app/main.py\n');
  });

  it('gives up at the analysis time limit', async () => {
    await expect(previews(50).preview(entity, ['dockerfile'])).rejects.toThrow(
      /took longer than 50 ms/,
    );
  });
});
