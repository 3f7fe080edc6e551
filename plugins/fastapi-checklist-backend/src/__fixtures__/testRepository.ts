import {
  formatUpgradeRecord,
  UpgradeRecord,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import git from 'isomorphic-git';
import fs from 'node:fs';
import path from 'node:path';

const author = {
  name: 'Test',
  email: 'test@example.com',
  timestamp: 1_700_000_000,
  timezoneOffset: 0,
};

/** A real git repository for tests, written with isomorphic-git. */
export class TestRepository {
  constructor(readonly dir: string) {}

  static async create(dir: string, files: Record<string, string>) {
    fs.mkdirSync(dir, { recursive: true });
    await git.init({ fs, dir, defaultBranch: 'main' });
    const repo = new TestRepository(dir);
    await repo.commit(files, 'Initial commit');
    return repo;
  }

  /** Writes and commits files on the checked-out branch. */
  async commit(files: Record<string, string | null>, message: string) {
    for (const [file, content] of Object.entries(files)) {
      const target = path.join(this.dir, file);
      if (content === null) {
        fs.rmSync(target);
        await git.remove({ fs, dir: this.dir, filepath: file });
      } else {
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, content);
        await git.add({ fs, dir: this.dir, filepath: file });
      }
    }
    return git.commit({ fs, dir: this.dir, message, author });
  }

  async checkout(ref: string) {
    await git.checkout({ fs, dir: this.dir, ref });
  }

  async branch(name: string) {
    await git.branch({ fs, dir: this.dir, ref: name });
  }

  /** An upgrade commit on a new branch from main, as fastapi:local:branch makes it. */
  async upgradeBranch(
    branch: string,
    files: Record<string, string | null>,
    record: UpgradeRecord,
  ) {
    await this.branch(branch);
    await this.checkout(branch);
    const oid = await this.commit(
      files,
      `Upgrade to the FastAPI golden path ${
        record.toVersion
      }\n\n${formatUpgradeRecord(record)}\n`,
    );
    await this.checkout('main');
    return oid;
  }

  /** Merges a branch into main (a merge commit, as a reviewer's merge makes it). */
  async merge(branch: string) {
    await git.merge({
      fs,
      dir: this.dir,
      ours: 'main',
      theirs: branch,
      author,
      noUpdateBranch: false,
    });
    await git.checkout({ fs, dir: this.dir, ref: 'main', force: true });
  }
}
