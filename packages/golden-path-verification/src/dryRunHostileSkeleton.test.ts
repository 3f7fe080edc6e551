import {
  createMockDirectory,
  mockCredentials,
} from '@backstage/backend-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import {
  PortalBackend,
  startPortalBackend,
} from './__testUtils__/portalBackend';
import { loadTemplateForDryRun } from './__testUtils__/templateDirectory';

/**
 * Issue 11 as a user reproduced it: a copy of the real template with one extra skeleton
 * file, sent to the dry-run endpoint any signed-in user may call. The backend must
 * refuse it and run nothing.
 */
describe('a hostile skeleton through the real scaffolder (dry-run)', () => {
  let server: PortalBackend['server'];
  const sentinelDir = createMockDirectory();
  const sentinel = path.join(sentinelDir.path, 'owned.txt');

  beforeAll(async () => {
    server = (await startPortalBackend()).server;
  }, 60_000);

  async function dryRunWithSkeletonFile(file: string, text: string) {
    const { template, directoryContents } = loadTemplateForDryRun();
    return request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header())
      .send({
        template,
        values: {
          name: 'orders-api',
          owner: 'group:default/team-orders',
          publishTarget: 'github',
          repoUrl: 'github.com?owner=acme&repo=orders-api',
        },
        secrets: {},
        directoryContents: [
          ...directoryContents,
          {
            path: `skeleton/${file}`,
            base64Content: Buffer.from(text).toString('base64'),
          },
        ],
      });
  }

  it('refuses the payload from the issue and creates no file', async () => {
    const code = `return process.getBuiltinModule('fs').writeFileSync(${JSON.stringify(
      sentinel,
    )}, 'x')`;
    const response = await dryRunWithSkeletonFile(
      'owned.txt',
      `\${{ range.constructor(${JSON.stringify(code)})() }}\n`,
    );
    expect(response.status).toBe(400);
    expect(response.body.error).toEqual({
      name: 'InputError',
      message: expect.stringContaining(
        'Rendering skeleton file owned.txt failed: Template error at line 1, column 11: Template name "constructor" is reserved',
      ),
    });
    expect(fs.existsSync(sentinel)).toBe(false);
  });

  it('does not evaluate code to 49 either', async () => {
    const response = await dryRunWithSkeletonFile(
      'probe.txt',
      '${{ range.constructor("return 7*7")() }}\n',
    );
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).not.toContain('49');
    expect(response.body.error.message).toContain(
      'Template name "constructor" is reserved',
    );
  });

  it('stops a skeleton file that loops without end, and keeps serving', async () => {
    const response = await dryRunWithSkeletonFile(
      'spin.txt',
      '{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}',
    );
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(
      /Rendering skeleton file spin\.txt stopped: .*work unit limit of 100000.*fastapiGoldenPath\.render\.maxStepsPerFile/,
    );
    const health = await request(server)
      .get('/api/scaffolder/v2/actions')
      .set('Authorization', mockCredentials.user.header());
    expect(health.status).toBe(200);
  });
});

describe('render limits from app-config (dry-run)', () => {
  it('applies fastapiGoldenPath.render to the real skeleton', async () => {
    const { server } = await startPortalBackend({
      config: { fastapiGoldenPath: { render: { maxStepsPerFile: 1000 } } },
    });
    const { template, directoryContents } = loadTemplateForDryRun();
    const response = await request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header())
      .send({
        template,
        values: {
          name: 'orders-api',
          owner: 'group:default/team-orders',
          publishTarget: 'github',
          repoUrl: 'github.com?owner=acme&repo=orders-api',
        },
        secrets: {},
        directoryContents,
      });
    // openapi.json, the largest file, takes about 4,100 steps.
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(
      /^Rendering skeleton file openapi\.json stopped: Template evaluation exceeded the work unit limit of 1000 .*fastapiGoldenPath\.render\.maxStepsPerFile/,
    );
  }, 60_000);
});
