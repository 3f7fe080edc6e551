import { mockCredentials } from '@backstage/backend-test-utils';
import { CHECK_IDS } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import {
  analyzeRepository,
  treeFromEntries,
} from '@fastapi-golden-path/plugin-fastapi-checklist-node';
import request from 'supertest';
import { parseAllDocuments } from 'yaml';
import {
  PortalBackend,
  startPortalBackend,
} from './__testUtils__/portalBackend';
import {
  decodeDirectoryContents,
  loadTemplateForDryRun,
} from './__testUtils__/templateDirectory';
import { variantById, variantOptions } from './variants/matrix';

/** The guide's 11 checks (the catalogue's first). */
const GUIDE_CHECKS: readonly string[] = CHECK_IDS.slice(0, 11);

/** The last status the dry-run log reports for each step. */
function stepStatuses(log: { body: { stepId?: string; status?: string } }[]) {
  const statuses: Record<string, string> = {};
  for (const { body } of log) {
    if (body.stepId && body.status) statuses[body.stepId] = body.status;
  }
  return statuses;
}

const baseValues = {
  name: 'orders-api',
  description:
    'Takes "orders" \\ {{ 7*7 }} ${{ secrets.x }} {% raw %}\nfor the shop',
  owner: 'group:default/team-orders',
  lifecycle: 'experimental',
  publishTarget: 'github',
  repoUrl: 'github.com?owner=acme&repo=orders-api',
};

/** Six combinations that together take every value of every option. */
const variants = [
  'none-none-nows-nobg',
  'postgresql-jwt-ws-bg',
  'sqlite-jwt-nows-bg',
  'sqlite-none-ws-nobg',
  'postgresql-none-nows-nobg',
  'none-jwt-ws-bg',
].map(id => variantOptions(variantById(id)));

describe('the real template through the real scaffolder (dry-run)', () => {
  let server: PortalBackend['server'];

  beforeAll(async () => {
    server = (await startPortalBackend()).server;
  }, 60_000);

  const { template, directoryContents } = loadTemplateForDryRun();

  async function dryRun(values: Record<string, unknown>) {
    const response = await request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header())
      .send({ template, values, secrets: {}, directoryContents });
    return response;
  }

  it.each(variants)('renders %j', async variant => {
    const response = await dryRun({ ...baseValues, ...variant });
    expect(response.status).toBe(200);
    expect(stepStatuses(response.body.log)).toEqual({
      'validate-target': 'completed',
      render: 'completed',
      checklist: 'completed',
      publish: 'skipped',
      register: 'skipped',
      'publish-local': 'skipped',
      'register-local': 'skipped',
    });

    const files = decodeDirectoryContents(response.body.directoryContents);
    const paths = [...files.keys()];
    expect(paths).toEqual(
      expect.arrayContaining([
        'app/main.py',
        'Dockerfile',
        'catalog-info.yaml',
      ]),
    );
    expect(paths.some(p => p.startsWith('alembic/'))).toBe(
      variant.database !== 'none',
    );
    expect(paths.includes('app/database.py')).toBe(variant.database !== 'none');
    expect(paths.includes('app/services/auth.py')).toBe(variant.auth === 'jwt');
    expect(
      paths.some(p => p.startsWith('skeleton/') || p === 'manifest.yaml'),
    ).toBe(false);

    const yamlErrors = [...files]
      .filter(([path]) => /\.ya?ml$/.test(path))
      .flatMap(([path, content]) =>
        parseAllDocuments(content).flatMap(doc =>
          doc.errors.map(e => `${path}: ${e.message}`),
        ),
      );
    expect(yamlErrors).toEqual([]);
    const [catalogInfo] = parseAllDocuments(
      files.get('catalog-info.yaml')!,
    ).map(d => d.toJS());
    expect(catalogInfo.metadata.name).toBe('orders-api');
    expect(catalogInfo.metadata.description).toBe(baseValues.description);
    expect(catalogInfo.spec.owner).toBe('group:default/team-orders');
    const unrendered = [...files].filter(([, content]) =>
      /\$\{\{\s*(values|names|resource|features)\./.test(content),
    );
    expect(unrendered.map(([path]) => path)).toEqual([]);

    const output = response.body.output;
    expect(output.text[0].content).toContain(
      `database \`${variant.database}\`, auth \`${variant.auth}\`,\nresource \`items\``,
    );
    // The checklist ran on the rendered repository: its score is the analyzer's on the
    // files the task would publish. Of the guide's 11, auth is only missing without auth,
    // and the in-memory store (no database) runs one worker, so `workers` fails there
    // (the checks beyond the guide are held per release by variantsChecklist.test.ts).
    const result = await analyzeRepository(treeFromEntries([...files]));
    expect(
      result.items
        .filter(
          item => GUIDE_CHECKS.includes(item.id) && item.status !== 'pass',
        )
        .map(item => item.id),
    ).toEqual([
      ...(variant.auth === 'none' ? ['auth'] : []),
      ...(variant.database === 'none' ? ['workers'] : []),
    ]);
    expect(result.items.map(item => item.id)).toEqual(CHECK_IDS);
    expect(output.text[1].title).toBe(
      `Production-readiness checklist: ${result.score}/100`,
    );
  });

  it("answers bad input with the action's specific message", async () => {
    const response = await dryRun({ ...baseValues, name: 'logging' });
    expect(response.status).toBe(400);
    expect(response.body.error).toEqual({
      name: 'InputError',
      message:
        'Invalid fastapi:render input: name "logging" becomes "logging", a Python standard-library module; choose another',
    });
  });
});
