import { createMockDirectory } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { getLocationForEntity } from '@backstage/plugin-techdocs-node';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  annotateSourceAndInlineText,
  techdocsRefForFileLocation,
} from './annotateSourceAndInlineText';

describe('annotateSourceAndInlineText and TechDocs', () => {
  const root = createMockDirectory();

  it('makes TechDocs find the docs inside the repository itself', async () => {
    root.setContent({
      'orders-api': {
        'catalog-info.yaml':
          'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: orders-api\n  annotations:\n    backstage.io/techdocs-ref: dir:.\nspec: {}\n',
        'mkdocs.yml': 'site_name: orders-api\n',
      },
    });
    const repository = path.join(root.path, 'orders-api');
    await annotateSourceAndInlineText(repository);
    const [entity] = parseAllDocuments(
      fs.readFileSync(path.join(repository, 'catalog-info.yaml'), 'utf8'),
    ).map(d => d.toJS());
    // What techdocs-backend's directory preparer does with the entity
    const location = getLocationForEntity(
      entity,
      ScmIntegrations.fromConfig(new ConfigReader({})),
    );
    expect(location).toEqual({ type: 'dir', target: repository });
  });

  it.each([
    ['dir:.', 'dir:./orders-api'],
    ['dir:./docs-site', 'dir:./orders-api/docs-site'],
    // outside the repository, or not a directory reference: left alone
    ['dir:../other', 'dir:../other'],
    ['url:https://github.com/acme/x', 'url:https://github.com/acme/x'],
  ])('rewrites %s as %s for file:<root>/orders-api/', (ref, expected) => {
    expect(
      techdocsRefForFileLocation(
        '/srv/repos/orders-api/',
        '/srv/repos/orders-api',
        ref,
      ),
    ).toBe(expected);
  });
});
