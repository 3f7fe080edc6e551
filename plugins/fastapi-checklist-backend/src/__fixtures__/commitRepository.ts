import git from 'isomorphic-git';
import fs from 'node:fs';
import path from 'node:path';

/** Writes `files` into `dir` (if any) and commits everything there as one initial commit. */
export async function commitRepository(
  dir: string,
  files: Record<string, string> = {},
): Promise<void> {
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  await git.init({ fs, dir, defaultBranch: 'main' });
  await git.add({ fs, dir, filepath: '.' });
  await git.commit({
    fs,
    dir,
    message: 'initial',
    author: { name: 'Test', email: 'test@localhost' },
  });
}
