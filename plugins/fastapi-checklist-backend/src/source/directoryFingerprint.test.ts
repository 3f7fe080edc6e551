import { createMockDirectory } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import { walkFiles } from '@fastapi-golden-path/plugin-fastapi-checklist-node';
import { directoryFingerprint } from './directoryFingerprint';

const fingerprintOf = async (root: string) =>
  directoryFingerprint(await walkFiles(root));

describe('directoryFingerprint', () => {
  const repo = createMockDirectory();

  it('changes when a source file is edited, added or removed, not for .git, node_modules, .venv or __pycache__', async () => {
    repo.setContent({
      'app/main.py': 'app = 1\n',
      'README.md': 'hi',
      '.git/HEAD': 'ref: refs/heads/main',
      'node_modules/x/index.js': '',
      '.venv/bin/python': '',
    });
    const first = await fingerprintOf(repo.path);
    expect(await fingerprintOf(repo.path)).toBe(first);

    repo.addContent({
      '.git/ORIG_HEAD': 'x',
      'node_modules/y/index.js': '',
      '.venv/lib/site.py': '',
      'app/__pycache__/main.cpython-312.pyc': '',
    });
    expect(await fingerprintOf(repo.path)).toBe(first);

    repo.addContent({ 'app/extra.py': '' });
    const added = await fingerprintOf(repo.path);
    expect(added).not.toBe(first);

    fs.writeFileSync(path.join(repo.path, 'app/main.py'), 'app = 22\n');
    const edited = await fingerprintOf(repo.path);
    expect(edited).not.toBe(added);

    fs.rmSync(path.join(repo.path, 'app/extra.py'));
    expect(await fingerprintOf(repo.path)).not.toBe(edited);
  });
});
