import { createMockDirectory } from '@backstage/backend-test-utils';
import { treeFromDirectory } from './sourceTree';
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
    const paths: string[] = [];
    for await (const file of walkFiles(mockDir.path)) paths.push(file.path);
    expect(paths).toEqual([
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
