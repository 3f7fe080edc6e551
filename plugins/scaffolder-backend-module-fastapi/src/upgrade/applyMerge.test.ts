import { createMockDirectory } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import { listFiles } from '../__testUtils__/renderHarness';
import { applyMerge } from './applyMerge';
import type { MergedFiles } from './mergeFiles';

function merge(
  write: Record<string, string>,
  remove: string[] = [],
): MergedFiles {
  return {
    write: new Map(
      Object.entries(write).map(([file, text]) => [file, Buffer.from(text)]),
    ),
    remove,
    added: [],
    changed: [],
    removed: [],
    conflicts: [],
  };
}

describe('applyMerge', () => {
  const service = createMockDirectory();

  it.each([
    [
      'a new file under what the service holds as a file',
      { docs: 'the owners’ notes' },
      { 'a.txt': 'new', 'docs/index.md': '# Docs' },
      /^Cannot write docs\/index\.md: docs exists and is not a directory$/,
    ],
    [
      'a file where the service holds a directory',
      { 'notes.md': { 'today.md': 'kept' } },
      { 'a.txt': 'new', 'notes.md': '# Notes' },
      /^Cannot write notes\.md: it exists as a directory$/,
    ],
  ])(
    'refuses %s, naming it without server paths and writing nothing',
    async (_, content, write, message) => {
      service.setContent(content);
      const before = listFiles(service.path);
      await expect(applyMerge(service.path, merge(write))).rejects.toThrow(
        message,
      );
      expect(listFiles(service.path)).toEqual(before);
    },
  );

  it('refuses a path out of the service, writing nothing', async () => {
    service.setContent({ 'a.txt': 'old' });
    await expect(
      applyMerge(service.path, merge({ 'a.txt': 'new', '../escape.txt': 'x' })),
    ).rejects.toThrow(
      /^Cannot upgrade \.\.\/escape\.txt: it is outside the service$/,
    );
    expect(fs.existsSync(path.join(service.path, '../escape.txt'))).toBe(false);
    expect(fs.readFileSync(path.join(service.path, 'a.txt'), 'utf8')).toBe(
      'old',
    );
  });

  it('turns a file the merge removes into the directory it writes', async () => {
    service.setContent({ docs: 'old single page' });
    await applyMerge(
      service.path,
      merge({ 'docs/index.md': '# Docs' }, ['docs']),
    );
    expect(listFiles(service.path)).toEqual(['docs/index.md']);
    expect(
      fs.readFileSync(path.join(service.path, 'docs/index.md'), 'utf8'),
    ).toBe('# Docs');
  });
});
