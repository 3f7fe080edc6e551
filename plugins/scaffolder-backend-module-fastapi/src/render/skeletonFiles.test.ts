import { createMockDirectory } from '@backstage/backend-test-utils';
import { readSkeletonFiles } from './skeletonFiles';

describe('readSkeletonFiles', () => {
  const dir = createMockDirectory();

  it('reads text and binary files with their modes', async () => {
    dir.setContent({
      'skeleton/a.txt': 'hello',
      'skeleton/bin/logo.png': Buffer.from([0x89, 0x50, 0x00, 0x01]),
    });
    const files = await readSkeletonFiles(dir.resolve('skeleton'));
    expect(files.map(f => [f.path, f.binary])).toEqual([
      ['a.txt', false],
      ['bin/logo.png', true],
    ]);
  });

  it('follows a file symlink inside the skeleton', async () => {
    dir.setContent({
      'skeleton/a.txt': 'hello',
      'skeleton/b.txt': ctx => ctx.symlink('a.txt'),
    });
    const files = await readSkeletonFiles(dir.resolve('skeleton'));
    expect(files.find(f => f.path === 'b.txt')?.content.toString()).toBe(
      'hello',
    );
  });

  it.each([
    ['an absolute path', '/etc/hostname'],
    ['a parent directory', '../outside.txt'],
  ])('refuses a symlink pointing out through %s', async (_, target) => {
    dir.setContent({
      'outside.txt': 'secret',
      'skeleton/leak.txt': ctx => ctx.symlink(target),
    });
    await expect(readSkeletonFiles(dir.resolve('skeleton'))).rejects.toThrow(
      'Skeleton symlink leak.txt points outside the skeleton',
    );
  });

  it('refuses broken and directory symlinks', async () => {
    dir.setContent({ 'skeleton/gone.txt': ctx => ctx.symlink('missing.txt') });
    await expect(readSkeletonFiles(dir.resolve('skeleton'))).rejects.toThrow(
      'Skeleton symlink gone.txt is broken',
    );
    dir.setContent({
      'skeleton/sub/x.txt': 'x',
      'skeleton/alias': ctx => ctx.symlink('sub'),
    });
    await expect(readSkeletonFiles(dir.resolve('skeleton'))).rejects.toThrow(
      'Skeleton symlink alias points at a directory; only file links are supported',
    );
  });

  it('stops reading past maxSkeletonBytes, counting a file once per link to it', async () => {
    dir.setContent({
      'skeleton/a.bin': Buffer.alloc(400),
      'skeleton/b.bin': ctx => ctx.symlink('a.bin'),
      'skeleton/c.bin': ctx => ctx.symlink('a.bin'),
    });
    await expect(
      readSkeletonFiles(dir.resolve('skeleton'), { maxSkeletonBytes: 1000 }),
    ).rejects.toThrow(
      "Skeleton file c.bin stopped the read: the skeleton's files exceed 1000 bytes (the limit is set by fastapiGoldenPath.render.maxSkeletonBytes)",
    );
    await expect(
      readSkeletonFiles(dir.resolve('skeleton'), { maxSkeletonBytes: 1200 }),
    ).resolves.toHaveLength(3);
  });

  it('reports a missing skeleton directory', async () => {
    await expect(readSkeletonFiles(dir.resolve('nope'))).rejects.toThrow(
      /Skeleton directory .*nope does not exist/,
    );
  });
});
