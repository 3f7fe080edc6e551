import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import git from 'isomorphic-git';
import fs from 'node:fs';
import path from 'node:path';
import { createLocalBranchAction } from './localBranch';
import { createLocalCheckoutAction } from './localCheckout';

const author = { name: 'Platform', email: 'platform@example.com' };
const limits = { maxFiles: 100, maxTotalBytes: 1_000_000 };

describe('fastapi:local:checkout and fastapi:local:branch', () => {
  const root = createMockDirectory();
  const workspace = createMockDirectory();
  const repo = () => path.join(root.path, 'orders-api');
  const local = () => ({ root: root.path, defaultAuthor: author });

  beforeEach(async () => {
    root.clear();
    workspace.clear();
    root.setContent({
      'orders-api/app/main.py': 'app = 1\n',
      'orders-api/run.sh': '#!/bin/sh\n',
      'orders-api/dist/keep.txt': 'built\n',
    });
    fs.chmodSync(path.join(repo(), 'run.sh'), 0o755);
    fs.symlinkSync('app/main.py', path.join(repo(), 'link.py'));
    await git.init({ fs, dir: repo(), defaultBranch: 'main' });
    await git.add({ fs, dir: repo(), filepath: '.' });
    await git.commit({ fs, dir: repo(), message: 'init', author });
    // Not committed: neither copied nor touched.
    fs.writeFileSync(path.join(repo(), 'app/main.py'), 'app = "uncommitted"\n');
  });

  async function run(
    action: ReturnType<typeof createLocalBranchAction | typeof createLocalCheckoutAction>,
    input: Record<string, unknown>,
  ) {
    const outputs: Record<string, unknown> = {};
    const ctx = createMockActionContext({
      input: input as any,
      workspacePath: workspace.path,
    });
    ctx.output = (name: string, value: unknown) => {
      outputs[name] = value;
    };
    await action.handler(ctx as any);
    return outputs;
  }
  const checkout = (input: Record<string, unknown> = {}, l = limits) =>
    run(createLocalCheckoutAction({ local: local(), limits: l }), {
      name: 'orders-api',
      ...input,
    });
  const branch = (input: Record<string, unknown> = {}) =>
    run(createLocalBranchAction({ local: local() }), {
      name: 'orders-api',
      branch: 'golden-path/upgrade-0.2.0',
      message: 'Upgrade to 0.2.0',
      ...input,
    });
  const inWorkspace = (file: string) => path.join(workspace.path, 'service', file);

  it('copies the committed files of HEAD, never the symlinks or the uncommitted edits', async () => {
    const head = await git.resolveRef({ fs, dir: repo(), ref: 'HEAD' });
    expect(await checkout()).toEqual({ commitHash: head });
    expect(fs.readFileSync(inWorkspace('app/main.py'), 'utf8')).toBe('app = 1\n');
    expect(fs.statSync(inWorkspace('run.sh')).mode & 0o777).toBe(0o755);
    expect(fs.readFileSync(inWorkspace('dist/keep.txt'), 'utf8')).toBe('built\n');
    expect(fs.existsSync(inWorkspace('link.py'))).toBe(false);
  });

  it('commits the changed copy onto a new branch, leaving the checked-out branch and working tree alone', async () => {
    const head = await git.resolveRef({ fs, dir: repo(), ref: 'HEAD' });
    await checkout();
    fs.writeFileSync(inWorkspace('app/main.py'), 'app = 2\n');
    fs.writeFileSync(inWorkspace('app/new.py'), 'new = 1\n');
    fs.rmSync(inWorkspace('dist/keep.txt'));

    const output = await branch();

    const commit = await git.readCommit({ fs, dir: repo(), oid: output.commitHash as string });
    expect(commit.commit.parent).toEqual([head]);
    expect(commit.commit.message).toBe('Upgrade to 0.2.0\n');
    expect(commit.commit.author).toMatchObject(author);
    const files: Record<string, string> = {};
    await git.walk({
      fs,
      dir: repo(),
      trees: [git.TREE({ ref: output.commitHash as string })],
      map: async (filepath, [entry]) => {
        if (entry && (await entry.type()) === 'blob') {
          files[filepath] = `${(await entry.mode()).toString(8)} ${Buffer.from(
            (await entry.content())!,
          ).toString('utf8')}`;
        }
        return undefined;
      },
    });
    expect(files).toEqual({
      'app/main.py': '100644 app = 2\n',
      'app/new.py': '100644 new = 1\n',
      'link.py': '120000 app/main.py',
      'run.sh': '100755 #!/bin/sh\n',
    });
    expect(output.branch).toBe('golden-path/upgrade-0.2.0');
    expect(await git.resolveRef({ fs, dir: repo(), ref: 'refs/heads/golden-path/upgrade-0.2.0' })).toBe(output.commitHash);
    expect(await git.currentBranch({ fs, dir: repo() })).toBe('main');
    expect(await git.resolveRef({ fs, dir: repo(), ref: 'HEAD' })).toBe(head);
    expect(fs.readFileSync(path.join(repo(), 'app/main.py'), 'utf8')).toBe('app = "uncommitted"\n');
    expect(fs.existsSync(path.join(repo(), 'app/new.py'))).toBe(false);
  });

  it('reports a branch that already holds the same change instead of committing it again', async () => {
    await checkout();
    fs.writeFileSync(inWorkspace('app/main.py'), 'app = 2\n');
    const first = await branch();
    expect(first.existing).toBe(false);
    const refs = await git.listBranches({ fs, dir: repo() });
    const log = await git.log({ fs, dir: repo(), ref: 'golden-path/upgrade-0.2.0' });

    // A second run: a fresh checkout of HEAD, the same change made again.
    workspace.clear();
    await checkout();
    fs.writeFileSync(inWorkspace('app/main.py'), 'app = 2\n');
    const second = await branch({ message: 'Upgrade to 0.2.0, again' });

    expect(second).toEqual({
      branch: 'golden-path/upgrade-0.2.0',
      commitHash: first.commitHash,
      existing: true,
    });
    expect(await git.listBranches({ fs, dir: repo() })).toEqual(refs);
    expect(await git.log({ fs, dir: repo(), ref: 'golden-path/upgrade-0.2.0' })).toEqual(log);
  });

  it('refuses a branch that holds another change, naming its commit', async () => {
    await checkout();
    fs.writeFileSync(inWorkspace('app/main.py'), 'app = 2\n');
    const first = await branch();
    fs.writeFileSync(inWorkspace('app/main.py'), 'app = 3\n');
    await expect(branch()).rejects.toThrow(
      `The repository already has a branch golden-path/upgrade-0.2.0; merge or delete it first (its commit ${(
        first.commitHash as string
      ).slice(0, 7)} is not this change on the current HEAD)`,
    );
    expect(
      await git.resolveRef({ fs, dir: repo(), ref: 'golden-path/upgrade-0.2.0' }),
    ).toBe(first.commitHash);
  });

  it.each<[string, Record<string, string>, string]>([
    ['an existing branch', { branch: 'main' }, 'The repository already has a branch main; merge or delete it first'],
    ['a branch name with ..', { branch: 'golden-path/../../x' }, '"golden-path/../../x" is not a usable branch name'],
    ...['golden-path/.hidden', 'fix.lock/x', 'golden-path/fix.', 'a/./b', 'HEAD'].map(
      (refused): [string, Record<string, string>, string] => [`the branch name ${refused}, which git refuses`, { branch: refused }, `"${refused}" is not a usable branch name`],
    ),
    ['a repository that does not exist', { name: 'billing' }, 'There is no local repository named "billing"'],
    ['a path outside the workspace', { path: '../x' }, 'path "../x" is outside the workspace'],
  ])('refuses %s and changes nothing', async (_, input, message) => {
    await checkout();
    const refs = await git.listBranches({ fs, dir: repo() });
    const objects = () => fs.readdirSync(path.join(repo(), '.git/objects'), { recursive: true }).sort();
    const objectsBefore = objects();
    await expect(branch(input)).rejects.toThrow(message);
    expect(await git.listBranches({ fs, dir: repo() })).toEqual(refs);
    expect(objects()).toEqual(objectsBefore);
  });

  it('refuses to commit a workspace file inside git metadata, writing no object', async () => {
    await checkout();
    fs.mkdirSync(inWorkspace('.GIT'));
    fs.writeFileSync(inWorkspace('.GIT/config'), '[core]\n\tfsmonitor = "touch owned"\n');
    const objects = () => fs.readdirSync(path.join(repo(), '.git/objects'), { recursive: true }).sort();
    const before = objects();
    await expect(branch()).rejects.toThrow(
      'The workspace file ".GIT/config" is inside git metadata (".GIT"): a repository\'s files must not write its .git directory',
    );
    expect(await git.listBranches({ fs, dir: repo() })).toEqual(['main']);
    expect(objects()).toEqual(before);
  });

  it('stops a checkout past the analysis limits, naming them', async () => {
    await expect(checkout({}, { maxFiles: 2, maxTotalBytes: 1_000_000 })).rejects.toThrow(
      'The repository holds more than 2 files or 1000000 bytes (limits fastapiChecklist.analysis.maxFiles / maxTotalBytes)',
    );
  });
});
