import { InputError } from '@backstage/errors';
import { walkFiles } from '@fastapi-golden-path/plugin-fastapi-checklist-node';
import git, { TreeEntry } from 'isomorphic-git';
import fs from 'node:fs';
import { assertNoGitMetadata } from '../render/paths';

const REGULAR = '100644';
const EXECUTABLE = '100755';
const DIRECTORY = '040000';

/**
 * A branch name git accepts (`git check-ref-format --branch`'s rules for the characters
 * we allow): segments joined by single "/", none starting with "." or ending with "." or
 * ".lock", no "..", not HEAD; so it can never point outside refs/heads and is refused
 * before anything is written (isomorphic-git refused such names only after writing the
 * commit's objects, with a hint naming the same invalid name).
 */
const BRANCH_SEGMENT =
  /^(?!\.)(?!.*\.\.)(?!.*\.lock$)(?!.*\.$)[A-Za-z0-9._-]+$/;

export function branchName(value: string): string {
  if (
    !/^[A-Za-z0-9]/.test(value) ||
    value.length > 200 ||
    value === 'HEAD' ||
    !value.split('/').every(segment => BRANCH_SEGMENT.test(segment))
  ) {
    throw new InputError(
      `"${value}" is not a usable branch name (letters, digits, ".", "_", "-" and single "/"; no segment may start with "." or end with "." or ".lock", no "..", not HEAD)`,
    );
  }
  return value;
}

type Leaf = { mode: string; oid: string; type: 'blob' | 'commit' };

/** Every entry of a commit's tree, by path (blobs, symlinks and submodules). */
async function leavesOf(repository: string, commit: string) {
  const leaves = new Map<string, Leaf>();
  await git.walk({
    fs,
    dir: repository,
    trees: [git.TREE({ ref: commit })],
    map: async (filepath, [entry]) => {
      if (!entry || filepath === '.') return undefined;
      const type = await entry.type();
      if (type === 'tree') return undefined;
      const mode = (await entry.mode()).toString(8).padStart(6, '0');
      leaves.set(filepath, {
        mode,
        oid: await entry.oid(),
        type: type === 'commit' ? 'commit' : 'blob',
      });
      return null;
    },
  });
  return leaves;
}

/** Writes nested tree objects for path → leaf; returns the root tree's id. */
async function writeTrees(
  repository: string,
  leaves: Map<string, Leaf>,
): Promise<string> {
  type Dir = { files: Map<string, Leaf>; dirs: Map<string, Dir> };
  const root: Dir = { files: new Map(), dirs: new Map() };
  for (const [filepath, leaf] of leaves) {
    const parts = filepath.split('/');
    let dir = root;
    for (const part of parts.slice(0, -1)) {
      if (!dir.dirs.has(part))
        dir.dirs.set(part, { files: new Map(), dirs: new Map() });
      dir = dir.dirs.get(part)!;
    }
    dir.files.set(parts[parts.length - 1], leaf);
  }
  const write = async (dir: Dir): Promise<string> => {
    const tree: TreeEntry[] = [];
    for (const [name, leaf] of dir.files) tree.push({ path: name, ...leaf });
    for (const [name, child] of dir.dirs) {
      tree.push({
        path: name,
        mode: DIRECTORY,
        oid: await write(child),
        type: 'tree',
      });
    }
    return git.writeTree({ fs, dir: repository, tree });
  };
  return write(root);
}

/**
 * Commits a directory's files onto a new branch of a local repository, HEAD's commit as
 * parent, without touching the repository's working tree, index or current branch: the
 * change waits there for review. Entries the directory cannot hold (symbolic links,
 * submodules) are kept as HEAD has them.
 *
 * An existing branch is never moved. When it already holds exactly this change (one
 * commit on HEAD with the same files, as a second run of the same upgrade makes) its
 * commit is returned with `existing: true`; any other existing branch is refused.
 */
export async function commitToNewBranch(options: {
  repository: string;
  source: string;
  branch: string;
  message: string;
  author: { name: string; email: string };
}): Promise<{ commitHash: string; existing: boolean }> {
  const { repository, source, message, author } = options;
  const ref = `refs/heads/${branchName(options.branch)}`;
  const existing = await git
    .resolveRef({ fs, dir: repository, ref })
    .catch(() => undefined);
  const head = await git.resolveRef({ fs, dir: repository, ref: 'HEAD' });
  const refuse = (what: string) =>
    new InputError(
      `The repository already has a branch ${options.branch}; merge or delete it first${what}`,
    );
  if (existing === head) throw refuse('');
  const leaves = new Map<string, Leaf>();
  for (const [filepath, leaf] of await leavesOf(repository, head)) {
    if (leaf.mode !== REGULAR && leaf.mode !== EXECUTABLE)
      leaves.set(filepath, leaf);
  }
  const files = await walkFiles(source, new Set(['.git']));
  for (const file of files)
    assertNoGitMetadata(file.path, 'The workspace file');
  for (const file of files) {
    const content = await fs.promises.readFile(file.absolutePath);
    const executable = (fs.statSync(file.absolutePath).mode & 0o111) !== 0;
    leaves.set(file.path, {
      mode: executable ? EXECUTABLE : REGULAR,
      oid: await git.writeBlob({ fs, dir: repository, blob: content }),
      type: 'blob',
    });
  }
  const tree = await writeTrees(repository, leaves);
  if (existing) {
    const { commit } = await git.readCommit({
      fs,
      dir: repository,
      oid: existing,
    });
    if (
      commit.tree === tree &&
      commit.parent.length === 1 &&
      commit.parent[0] === head
    ) {
      return { commitHash: existing, existing: true };
    }
    throw refuse(
      ` (its commit ${existing.slice(
        0,
        7,
      )} is not this change on the current HEAD)`,
    );
  }
  const now = Math.floor(Date.now() / 1000);
  const signature = { ...author, timestamp: now, timezoneOffset: 0 };
  const commit = await git.writeCommit({
    fs,
    dir: repository,
    commit: {
      message: message.endsWith('\n') ? message : `${message}\n`,
      tree,
      parent: [head],
      author: signature,
      committer: signature,
    },
  });
  await git.writeRef({ fs, dir: repository, ref, value: commit });
  return { commitHash: commit, existing: false };
}
