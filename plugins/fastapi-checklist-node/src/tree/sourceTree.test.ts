import { createMockDirectory } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import { treeFromDirectory, treeFromWalkedFiles } from './sourceTree';
import { walkFiles } from './walkFiles';

describe('reading a repository from disk', () => {
  const mockDir = createMockDirectory();

  beforeEach(() => {
    mockDir.setContent({
      'pyproject.toml': '[project]\n',
      'app/main.py': 'app = 1\n',
      'app/big.py': 'x'.repeat(64),
      '.venv/lib/site.py': 'ignored\n',
      'node_modules/pkg/index.js': 'ignored\n',
      'app/__pycache__/main.cpython-312.pyc': 'ignored',
      'outside.py': 'secret = 1\n',
      'app/linked.py': ({ symlink }) => symlink('../outside.py'),
    });
  });

  it('walks regular files in name order, skipping ignored directories and symlinks', async () => {
    const files = await walkFiles(mockDir.path);
    expect(files.map(file => file.path)).toEqual([
      'app/big.py',
      'app/main.py',
      'outside.py',
      'pyproject.toml',
    ]);
  });

  it('gives each file its size and modification time, as lstat does', async () => {
    const [big] = await walkFiles(mockDir.path);
    const stats = fs.lstatSync(path.join(mockDir.path, 'app/big.py'));
    expect(big).toEqual({
      path: 'app/big.py',
      absolutePath: path.join(mockDir.path, 'app/big.py'),
      size: 64,
      mtimeMs: stats.mtimeMs,
    });
  });

  it('reads files larger than a synchronous read, within the limits', async () => {
    mockDir.addContent({ 'app/large.py': 'y'.repeat(200_000) });
    const tree = await treeFromDirectory(mockDir.path);
    expect(tree.files.get('app/large.py')?.length).toBe(200_000);
    expect(tree.files.get('app/main.py')?.toString()).toBe('app = 1\n');
  });

  it('reads what an earlier walk found without walking again', async () => {
    const files = await walkFiles(mockDir.path);
    mockDir.addContent({ 'app/later.py': 'later = 1\n' });
    const tree = await treeFromWalkedFiles(files);
    expect([...tree.files.keys()]).toEqual([
      'app/big.py',
      'app/main.py',
      'outside.py',
      'pyproject.toml',
    ]);
  });

  it('reads the files within the limits and reports the rest', async () => {
    const tree = await treeFromDirectory(mockDir.path, {
      maxFileBytes: 32,
      maxFiles: 2,
    });
    expect([...tree.files.keys()]).toEqual(['app/main.py', 'outside.py']);
    expect(tree.files.get('app/main.py')?.toString()).toBe('app = 1\n');
    expect(tree.skipped).toEqual([
      { path: 'app/big.py', message: 'skipped: larger than 32 bytes' },
      { path: 'pyproject.toml', message: 'skipped: more than 2 files' },
    ]);
  });
});
