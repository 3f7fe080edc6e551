import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { AnalysisLimits } from '@fastapi-golden-path/plugin-fastapi-checklist-node';
import git from 'isomorphic-git';
import fs from 'node:fs';
import path from 'node:path';

/** Git's file modes: only regular files are copied; symlinks and submodules stay in git. */
const REGULAR = 0o100644;
const EXECUTABLE = 0o100755;

/**
 * Copies a local repository's committed files (HEAD, not its working tree) into a
 * directory, within the analysis limits (files and bytes in all). Symbolic links and
 * submodules are not copied: a commit made from the copy keeps them as they are.
 * Returns HEAD's commit.
 */
export async function checkoutHead(options: {
  repository: string;
  target: string;
  limits: Pick<AnalysisLimits, 'maxFiles' | 'maxTotalBytes'>;
}): Promise<string> {
  const { repository, target, limits } = options;
  const head = await git.resolveRef({ fs, dir: repository, ref: 'HEAD' });
  let files = 0;
  let bytes = 0;
  await git.walk({
    fs,
    dir: repository,
    trees: [git.TREE({ ref: head })],
    // One entry at a time, so the limits stop the copy as soon as they are reached.
    iterate: async (walk, children) => {
      const walked = [];
      for (const child of children) walked.push(await walk(child));
      return walked;
    },
    map: async (filepath, [entry]) => {
      if (!entry || filepath === '.') return undefined;
      if ((await entry.type()) !== 'blob') return undefined;
      const mode = await entry.mode();
      if (mode !== REGULAR && mode !== EXECUTABLE) return null;
      const content = (await entry.content()) ?? new Uint8Array();
      files += 1;
      bytes += content.length;
      if (files > limits.maxFiles || bytes > limits.maxTotalBytes) {
        throw new InputError(
          `The repository holds more than ${limits.maxFiles} files or ${limits.maxTotalBytes} bytes (limits fastapiChecklist.analysis.maxFiles / maxTotalBytes)`,
        );
      }
      const destination = resolveSafeChildPath(target, filepath);
      await fs.promises.mkdir(path.dirname(destination), { recursive: true });
      await fs.promises.writeFile(destination, content, {
        mode: mode === EXECUTABLE ? 0o755 : 0o644,
      });
      return null;
    },
  });
  return head;
}
