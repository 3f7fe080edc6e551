import { CHECK_IDS } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import {
  analyzeRepository,
  treeFromEntries,
} from '@fastapi-golden-path/plugin-fastapi-checklist-node';
import path from 'node:path';
import { TEMPLATE_DIR } from './__testUtils__/renderHarness';
import { buildSkeletonContext } from './render/context';
import { parseRenderParameters } from './render/parameters';
import { renderSkeleton } from './render/renderSkeleton';
import { readSkeletonFiles, SkeletonFile } from './render/skeletonFiles';

const variants = ['sqlite', 'postgresql', 'none'].flatMap(database =>
  ['jwt', 'none'].flatMap(auth =>
    [true, false].flatMap(websockets =>
      [true, false].map(backgroundTasks => ({
        database,
        auth,
        websockets,
        backgroundTasks,
      })),
    ),
  ),
);

describe('the checklist on every rendered variant', () => {
  let skeleton: SkeletonFile[];

  beforeAll(async () => {
    skeleton = await readSkeletonFiles(path.join(TEMPLATE_DIR, 'skeleton'));
  });

  async function checklistOf(variant: (typeof variants)[number]) {
    const params = parseRenderParameters({
      name: 'orders-api',
      owner: 'group:default/team-a',
      ...variant,
    });
    const files = renderSkeleton(
      skeleton,
      buildSkeletonContext(params, { name: 'fastapi-service', version: '1' }),
    );
    return analyzeRepository(
      treeFromEntries(files.map(f => [f.path, f.content])),
    );
  }

  it.each(variants)('gives %j the honest result', async variant => {
    const result = await checklistOf(variant);
    const statuses = Object.fromEntries(
      result.items.map(item => [item.id, item.status]),
    );
    expect(result.diagnostics).toEqual([]);
    expect(result.serviceRoots).toEqual(['']);
    // The honest failures: without auth the mutating routes are public; the in-memory
    // store (no database) belongs to one process, so its container runs one worker.
    const failing = (id: string) =>
      (id === 'auth' && variant.auth === 'none') ||
      (id === 'workers' && variant.database === 'none');
    expect(statuses).toEqual(
      Object.fromEntries(
        CHECK_IDS.map(id => [id, failing(id) ? 'fail' : 'pass']),
      ),
    );
    const passing = CHECK_IDS.filter(id => !failing(id)).length;
    expect(result.score).toBe(Math.round((100 * passing) / CHECK_IDS.length));
    const authItem = result.items.find(item => item.id === 'auth')!;
    expect(authItem.summary).toMatch(
      variant.auth === 'jwt'
        ? /^All \d+ mutating routes depend on the security scheme at app\/services\/auth\.py\.$/
        : /^No security scheme found, so none of the \d+ mutating routes? can require authentication\.$/,
    );
    expect(authItem.evidence.length).toBeGreaterThan(0);
  });
});
