import {
  CHECK_IDS,
  CheckStatus,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import {
  analyzeRepository,
  treeFromEntries,
} from '@fastapi-golden-path/plugin-fastapi-checklist-node';
import {
  buildSkeletonContext,
  parseRenderParameters,
  readSkeletonFiles,
  renderSkeleton,
} from '@fastapi-golden-path/plugin-scaffolder-backend-module-fastapi';
import path from 'node:path';
import { RenderedFile, skeletonRenderer } from './__testUtils__/renderInMemory';
import { RELEASES_DIR } from './__testUtils__/templateDirectory';
import { allVariants, variantOptions, VariantOptions } from './variants/matrix';

const variants = allVariants().map(variantOptions);

/** The guide's 11 checks (Bronze): every release passes them but for two honest failures. */
const GUIDE_CHECKS = CHECK_IDS.slice(0, 11);

/**
 * What release 0.1.0 (frozen, from before the checks beyond the guide) gets on each of
 * them, read from its files: a CI workflow running pytest; requirements pinned exactly
 * but without hashes; Alembic with PostgreSQL, `create_all` at startup with SQLite; one
 * `/health` route; nothing for tracing, metrics, request ids, headers, rate limits or
 * dependency updates.
 */
function release010BeyondGuide(
  variant: VariantOptions,
): Record<string, CheckStatus> {
  return {
    tracing: 'fail',
    metrics: 'fail',
    'request-id': 'fail',
    probes: 'warn',
    'security-headers': 'fail',
    'rate-limit': variant.auth === 'jwt' ? 'fail' : 'not-applicable',
    'dependency-lock': 'warn',
    'dependency-updates': 'fail',
    migrations: {
      postgresql: 'pass',
      sqlite: 'fail',
      none: 'not-applicable',
    }[variant.database] as CheckStatus,
    ci: 'pass',
  };
}

/**
 * What the current skeleton gets on the checks beyond the guide: it is born Gold (every
 * one passes; no login route to rate-limit without auth, no schema to migrate without a
 * database). Release 0.1.0 is held by the frozen release's test below.
 */
function beyondGuideTarget(
  variant: VariantOptions,
): Record<string, CheckStatus> {
  return Object.fromEntries(
    CHECK_IDS.slice(11).map(id => [
      id,
      (id === 'rate-limit' && variant.auth === 'none') ||
      (id === 'migrations' && variant.database === 'none')
        ? 'not-applicable'
        : 'pass',
    ]),
  );
}

async function releaseRenderer(version: string) {
  const skeleton = await readSkeletonFiles(
    path.join(RELEASES_DIR, version, 'skeleton'),
  );
  return (input: Record<string, unknown>) =>
    renderSkeleton(
      skeleton,
      buildSkeletonContext(parseRenderParameters(input), {
        name: 'fastapi-service',
        version,
      }),
    );
}

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
    expect(
      Object.fromEntries(GUIDE_CHECKS.map(id => [id, statuses[id]])),
    ).toEqual(
      Object.fromEntries(
        GUIDE_CHECKS.map(id => [id, failing(id) ? 'fail' : 'pass']),
      ),
    );
    const target = beyondGuideTarget(variant);
    expect(
      Object.fromEntries(Object.keys(target).map(id => [id, statuses[id]])),
    ).toEqual(target);
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

describe('the checklist on every variant of release 0.1.0', () => {
  let render: (input: Record<string, unknown>) => RenderedFile[];

  beforeAll(async () => {
    render = await releaseRenderer('0.1.0');
  });

  it.each(variants)('gives %j the honest result', async variant => {
    const result = await analyzeRepository(
      treeFromEntries(
        render({
          name: 'orders-api',
          owner: 'group:default/team-a',
          ...variant,
        }).map(f => [f.path, f.content]),
      ),
    );
    expect(result.diagnostics).toEqual([]);
    const expected: Record<string, CheckStatus> = {
      ...Object.fromEntries(
        GUIDE_CHECKS.map(id => [
          id,
          (id === 'auth' && variant.auth === 'none') ||
          (id === 'workers' && variant.database === 'none')
            ? 'fail'
            : 'pass',
        ]),
      ),
      ...release010BeyondGuide(variant),
    };
    expect(
      Object.fromEntries(result.items.map(item => [item.id, item.status])),
    ).toEqual(expected);
    const weight = { pass: 1, warn: 0.5, fail: 0 } as Record<string, number>;
    const applicable = Object.values(expected).filter(s => s in weight);
    expect(result.score).toBe(
      Math.round(
        (100 * applicable.reduce((sum, s) => sum + weight[s], 0)) /
          applicable.length,
      ),
    );
  });
});
