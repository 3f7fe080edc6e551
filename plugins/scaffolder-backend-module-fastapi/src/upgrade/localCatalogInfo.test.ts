import { createMockDirectory } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { runRender, TEMPLATE_DIR } from '../__testUtils__/renderHarness';
import { runUpgrade } from '../__testUtils__/upgradeHarness';
import {
  annotateSourceAndInlineText,
  withSourceAndInlineText,
} from '../local/annotateSourceAndInlineText';
import { annotateViewUrl, withViewUrl } from '../local/annotateViewUrl';
import { asPublishedLocally, localPublication } from './localCatalogInfo';

const answers = {
  name: 'orders-api',
  description: 'Takes orders',
  owner: 'group:default/team-a',
  database: 'sqlite',
  auth: 'jwt',
  resource: 'order-lines',
};
const RELEASE = path.join(TEMPLATE_DIR, 'releases/0.1.0/skeleton');
const VIEW_URL =
  'http://localhost:7007/api/fastapi-checklist/local/orders-api/';

// Each test renders the real skeleton two or three times.
jest.setTimeout(60_000);

describe('upgrading a service the local target published', () => {
  const template = createMockDirectory();
  const workspace = createMockDirectory();
  const temp = createMockDirectory();
  const service = () => path.join(workspace.path, 'service');

  beforeEach(() => {
    for (const dir of [template, workspace, temp]) dir.clear();
    fs.cpSync(RELEASE, path.join(template.path, 'releases/0.1.0/skeleton'), {
      recursive: true,
    });
    fs.cpSync(RELEASE, path.join(template.path, 'next'), { recursive: true });
    fs.writeFileSync(
      path.join(template.path, 'template.yaml'),
      'kind: Template',
    );
  });

  async function render(skeleton: string, target: string, version: string) {
    await runRender({
      input: { ...answers, skeleton, targetPath: target },
      workspacePath: workspace.path,
      templateDir: template.path,
      tempDir: path.join(temp.path, `render-${target}`),
      version,
    });
    return path.join(workspace.path, target);
  }

  it('changes catalog-info.yaml only as the template did: no conflict, the new definition inlined', async () => {
    // The next version changes its API contract, which catalog-info.yaml inlines.
    const contract = path.join(template.path, 'next/openapi.json');
    fs.writeFileSync(
      contract,
      fs
        .readFileSync(contract, 'utf8')
        .replace('"openapi"', '"x-next": true,\n  "openapi"'),
    );
    await render('./releases/0.1.0/skeleton', 'service', '0.1.0');
    // What fastapi:local:publish does to the repository it creates.
    await annotateSourceAndInlineText(service());
    await annotateViewUrl(service(), VIEW_URL);

    const outputs = await runUpgrade({
      input: {
        path: './service',
        releases: './releases',
        to: { version: '0.2.0', skeleton: './next' },
        answers: {
          template: 'fastapi-service',
          version: '0.1.0',
          values: answers,
        },
      },
      workspacePath: workspace.path,
      templateDir: template.path,
      tempDir: temp.path,
    });

    expect(outputs.conflicts).toEqual([]);
    expect(outputs.changed).toContain('catalog-info.yaml');
    // Exactly what publishing a fresh render of the new version there would give.
    const fresh = await render('./next', 'fresh', '0.2.0');
    const expected = withViewUrl(
      withSourceAndInlineText(
        fs.readFileSync(path.join(fresh, 'catalog-info.yaml'), 'utf8'),
        service(),
        file =>
          fs.readFileSync(
            path.join(fresh, path.relative(service(), file)),
            'utf8',
          ),
      ),
      VIEW_URL,
    );
    const upgraded = fs.readFileSync(
      path.join(service(), 'catalog-info.yaml'),
      'utf8',
    );
    expect(upgraded).toBe(expected);
    expect(upgraded).toContain('x-next');
    expect(upgraded).toContain('fastapi-service@0.2.0');
  });

  it('reads the publication from the source location, and ignores services published elsewhere', () => {
    const entity = (annotations: Record<string, string>) =>
      `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: a\n  annotations: ${JSON.stringify(
        annotations,
      )}\n`;
    expect(
      localPublication(
        entity({
          'backstage.io/source-location': 'file:/srv/repos/orders-api/',
          'backstage.io/view-url': VIEW_URL,
        }),
      ),
    ).toEqual({ repository: '/srv/repos/orders-api', viewUrl: VIEW_URL });
    expect(
      localPublication(
        entity({
          'backstage.io/source-location': 'file:/srv/repos/orders-api/',
        }),
      ),
    ).toEqual({ repository: '/srv/repos/orders-api' });
    expect(
      localPublication(
        entity({
          'backstage.io/source-location':
            'url:https://github.com/acme/orders-api/',
        }),
      ),
    ).toBeUndefined();
    expect(localPublication(undefined)).toBeUndefined();
    expect(localPublication('metadata: [unclosed')).toBeUndefined();
  });

  it('refuses a render whose catalog-info.yaml inlines a file the render lacks', () => {
    const files = new Map([
      [
        'catalog-info.yaml',
        Buffer.from(
          'kind: API\nmetadata:\n  name: a\nspec:\n  definition:\n    $text: ./openapi.json\n',
        ),
      ],
    ]);
    expect(() =>
      asPublishedLocally(files, { repository: '/srv/repos/a' }),
    ).toThrow(
      'catalog-info.yaml inlines openapi.json, which the render has not',
    );
    const withContract = new Map(files).set('openapi.json', Buffer.from('{}'));
    expect(
      parseYaml(
        asPublishedLocally(withContract, { repository: '/srv/repos/a' })
          .get('catalog-info.yaml')!
          .toString('utf8'),
      ).spec.definition,
    ).toBe('{}');
  });
});
