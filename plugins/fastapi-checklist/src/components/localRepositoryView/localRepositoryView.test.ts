import type { Entity } from '@backstage/catalog-model';
import { evidenceViewUrl, localRepositoryViewUrl } from './localRepositoryView';

const VIEW = 'http://localhost:7007/api/fastapi-checklist/local/orders/';

const entity = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'orders', annotations },
});

describe('localRepositoryViewUrl', () => {
  it('is the view-url of a repository with a file source location', () => {
    expect(
      localRepositoryViewUrl(
        entity({
          'backstage.io/source-location': 'file:/srv/repos/orders/',
          'backstage.io/view-url': VIEW,
        }),
      ),
    ).toBe(VIEW);
  });

  it('leaves url source locations, missing and non-http view URLs alone', () => {
    expect(
      localRepositoryViewUrl(
        entity({
          'backstage.io/source-location':
            'url:https://github.com/acme/orders/tree/main/',
          'backstage.io/view-url': VIEW,
        }),
      ),
    ).toBeUndefined();
    expect(
      localRepositoryViewUrl(
        entity({ 'backstage.io/source-location': 'file:/srv/repos/orders/' }),
      ),
    ).toBeUndefined();
    expect(
      localRepositoryViewUrl(
        entity({ 'backstage.io/view-url': 'ftp://example.com/orders/' }),
      ),
    ).toBeUndefined();
  });
});

describe('evidenceViewUrl', () => {
  it('links the file at its line, each segment encoded', () => {
    expect(evidenceViewUrl(VIEW, { path: 'app/main.py', line: 12 })).toBe(
      `${VIEW}app/main.py#L12`,
    );
    expect(evidenceViewUrl(VIEW.slice(0, -1), { path: 'a b/#x.py' })).toBe(
      `${VIEW}a%20b/%23x.py`,
    );
  });
});
