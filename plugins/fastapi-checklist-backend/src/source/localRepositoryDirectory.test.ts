import { createMockDirectory } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import { localRepositoryDirectory } from './localRepositoryDirectory';

describe('localRepositoryDirectory', () => {
  const disk = createMockDirectory();
  const root = () => path.join(disk.path, 'repos');
  const fileLocation = (...parts: string[]) =>
    `file:${path.join(disk.path, ...parts)}`;

  beforeEach(() => {
    disk.setContent({
      repos: { 'svc-a': { 'catalog-info.yaml': 'a' } },
      elsewhere: { 'catalog-info.yaml': 'e' },
    });
  });

  it('gives the repository directory of a catalog file under the root', () => {
    expect(
      localRepositoryDirectory(
        fileLocation('repos', 'svc-a', 'catalog-info.yaml'),
        root(),
      ),
    ).toBe(path.join(root(), 'svc-a'));
  });

  it('refuses files outside the root, through .. or a symlink, and the root itself', () => {
    fs.symlinkSync(
      path.join(disk.path, 'elsewhere'),
      path.join(root(), 'svc-link'),
    );
    for (const location of [
      fileLocation('elsewhere', 'catalog-info.yaml'),
      fileLocation('repos', '..', 'elsewhere', 'catalog-info.yaml'),
      fileLocation('repos', 'svc-link', 'catalog-info.yaml'),
      fileLocation('repos', 'catalog-info.yaml'),
    ]) {
      expect(() => localRepositoryDirectory(location, root())).toThrow(
        `${location} is not inside a repository under the local repositories root ${root()}`,
      );
    }
  });

  it('refuses every file location while the local target is not configured', () => {
    const location = fileLocation('repos', 'svc-a', 'catalog-info.yaml');
    expect(() => localRepositoryDirectory(location, undefined)).toThrow(
      `${location} is a file location, but the local target is not configured (fastapiGoldenPath.local.root)`,
    );
  });
});
