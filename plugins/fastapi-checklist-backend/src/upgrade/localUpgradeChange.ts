import {
  parseUpgradeRecord,
  UpgradeChange,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import git from 'isomorphic-git';
import fs from 'node:fs';
import {
  MAX_CONFLICT_FILE_BYTES,
  unresolvedConflicts,
} from './unresolvedConflicts';

/** How far back HEAD's history is searched for the branch's tip (merged or not). */
export const MAX_HEAD_HISTORY = 10_000;
/** How many of the branch's commits are read to find the upgrade's own commit. */
export const MAX_BRANCH_COMMITS = 50;

/** The blob at `filepath` of a commit: undefined when absent, null when too large. */
async function readFileAt(dir: string, commit: string, filepath: string) {
  try {
    const { blob } = await git.readBlob({ fs, dir, oid: commit, filepath });
    return blob.byteLength > MAX_CONFLICT_FILE_BYTES ? null : blob;
  } catch {
    return undefined;
  }
}

/**
 * The upgrade change of a local repository: the branch the upgrade template committed
 * (`golden-path/upgrade-<version>`), read with isomorphic-git (nothing in the repository
 * is run). Merged when HEAD contains the branch's tip; otherwise open, or `conflicts`
 * while conflicts its upgrade record lists are unresolved. Undefined without the branch.
 */
export async function findLocalUpgradeChange(options: {
  /** The repository's directory (checked to be a repository under the root). */
  dir: string;
  repository: string;
  branch: string;
  /** The repository's read-only view. */
  url?: string;
}): Promise<UpgradeChange | undefined> {
  const { dir, repository, branch, url } = options;
  const tip = await git
    .resolveRef({ fs, dir, ref: `refs/heads/${branch}` })
    .catch(() => undefined);
  if (!tip) return undefined;
  const change = { target: 'local' as const, branch, repository, url };
  const head = await git.resolveRef({ fs, dir, ref: 'HEAD' });
  const merged =
    tip === head ||
    (await git.isDescendent({
      fs,
      dir,
      oid: head,
      ancestor: tip,
      depth: MAX_HEAD_HISTORY,
    }));
  if (merged) return { ...change, state: 'merged', conflicts: [] };

  // The upgrade's own commit carries its record; commits after it are the owners'.
  const commits = await git.log({
    fs,
    dir,
    ref: tip,
    depth: MAX_BRANCH_COMMITS,
  });
  const index = commits.findIndex(
    entry => parseUpgradeRecord(entry.commit.message) !== undefined,
  );
  const conflicts =
    index < 0
      ? []
      : await unresolvedConflicts({
          record: parseUpgradeRecord(commits[index].commit.message)!,
          laterCommits: index > 0,
          readFile: filepath => readFileAt(dir, tip, filepath),
        });
  return {
    ...change,
    state: conflicts.length ? 'conflicts' : 'open',
    conflicts,
  };
}
