import { CHECK_IDS } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import {
  analyzeRepository,
  treeFromEntries,
} from '@fastapi-golden-path/plugin-fastapi-checklist-node';
import { RenderedFile, skeletonRenderer } from './__testUtils__/renderInMemory';
import { allVariants, variantOptions, VariantOptions } from './variants/matrix';

const variants = allVariants().map(variantOptions);

describe('the checklist on every rendered variant', () => {
  let render: (input: Record<string, unknown>) => RenderedFile[];

  beforeAll(async () => {
    render = await skeletonRenderer();
  });

  async function checklistOf(variant: VariantOptions) {
    const files = render({
      name: 'orders-api',
      owner: 'group:default/team-a',
      ...variant,
    });
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
    // the analyzer names the deciding scheme in the evidence (issue 12), not the summary
    expect(authItem.summary).toMatch(
      variant.auth === 'jwt'
        ? /^All (\d+) mutating routes require authentication: \1 routes through a fastapi\.security scheme\.$/
        : /^No security scheme or credential check found, so none of the \d+ mutating routes? can require authentication\.$/,
    );
    expect(authItem.evidence.length).toBeGreaterThan(0);
    expect(authItem.evidence.some(e => e.path === 'app/services/auth.py')).toBe(
      variant.auth === 'jwt',
    );
  });
});
