/* eslint-disable no-console */
/**
 * Regenerates the skeleton's hashed locks (`skeleton/locks/<set>/requirements*.txt`)
 * from the dependencies its pyproject.toml declares, and records what each was
 * generated from in `skeleton-locks.json`. Run through `scripts/lock-skeleton.sh`
 * (which provides uv) after bumping a pin in the skeleton's pyproject.toml.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { skeletonRenderer } from '../src/__testUtils__/renderInMemory';
import { SKELETON_DIR } from '../src/__testUtils__/templateDirectory';
import {
  inputsDigest,
  LOCK_COMMANDS,
  LOCK_FILES,
  LOCK_INPUTS_FILE,
  lockSets,
} from '../src/__testUtils__/skeletonLocks';

async function main() {
  const uv = process.env.UV ?? 'uv';
  const uvVersion = execFileSync(uv, ['--version'], { encoding: 'utf8' })
    .trim()
    .split(/\s+/)[1];
  const sets = lockSets(await skeletonRenderer());
  const recorded: Record<string, { inputs: string; variants: string[] }> = {};
  for (const set of sets) {
    // A bare directory with the rendered pyproject.toml, as a generated repository has.
    const work = fs.mkdtempSync(path.join(os.tmpdir(), `lock-${set.id}-`));
    try {
      fs.writeFileSync(path.join(work, 'pyproject.toml'), set.pyproject);
      const target = path.join(SKELETON_DIR, 'locks', set.id);
      fs.mkdirSync(target, { recursive: true });
      for (const file of LOCK_FILES) {
        const [, ...args] = LOCK_COMMANDS[file];
        const { UV_CUSTOM_COMPILE_COMMAND: _custom, ...env } = process.env;
        execFileSync(uv, [...args, '--quiet'], {
          cwd: work,
          stdio: ['ignore', 'inherit', 'inherit'],
          env,
        });
        fs.copyFileSync(path.join(work, file), path.join(target, file));
      }
      recorded[set.id] = {
        inputs: inputsDigest(set.declared),
        variants: set.variants,
      };
      console.log(`locks/${set.id}: ${set.variants.length} variants`);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  }
  // Lock sets the skeleton no longer has.
  for (const entry of fs.readdirSync(path.join(SKELETON_DIR, 'locks')))
    if (!(entry in recorded))
      fs.rmSync(path.join(SKELETON_DIR, 'locks', entry), {
        recursive: true,
        force: true,
      });
  fs.writeFileSync(
    LOCK_INPUTS_FILE,
    `${JSON.stringify({ uv: uvVersion, sets: recorded }, null, 2)}\n`,
  );
  console.log(`Wrote ${sets.length} lock sets with uv ${uvVersion}`);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
