import { localRepositoryViewUrl } from './localRepositoryView';

describe('localRepositoryViewUrl', () => {
  const base = 'http://localhost:7007/api/fastapi-checklist';

  it('links a repository root as a directory', () => {
    expect(localRepositoryViewUrl(base, 'orders')).toBe(
      'http://localhost:7007/api/fastapi-checklist/local/orders/',
    );
    expect(localRepositoryViewUrl(`${base}/`, 'orders')).toBe(
      'http://localhost:7007/api/fastapi-checklist/local/orders/',
    );
  });

  it('links files and directories with each segment encoded', () => {
    expect(localRepositoryViewUrl(base, 'orders', 'app/main.py')).toBe(
      'http://localhost:7007/api/fastapi-checklist/local/orders/app/main.py',
    );
    expect(localRepositoryViewUrl(base, 'orders', 'docs/a b#c/')).toBe(
      'http://localhost:7007/api/fastapi-checklist/local/orders/docs/a%20b%23c/',
    );
  });
});
