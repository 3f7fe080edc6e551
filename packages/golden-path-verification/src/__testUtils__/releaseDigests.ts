import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { RenderedFile, skeletonRenderer } from './renderInMemory';
import { RELEASES_DIR } from './templateDirectory';

/** Where the expected render of every released skeleton is recorded. */
export const EXPECTED_DIGESTS_FILE = path.join(
  __dirname,
  '../releases/expectedDigests.json',
);

/** One rendered variant of a release: the fastapi:render input and the digest of its files. */
export type VariantDigest = {
  input: Record<string, unknown>;
  sha256: string;
};

/** Per released version, per variant id. */
export type ExpectedDigests = Record<string, Record<string, VariantDigest>>;

/**
 * sha256 over the rendered files sorted by path: each file's path, whether it is
 * executable and its bytes (lengths included, so no two file sets can run together).
 * Only the executable bit counts: the rest of a mode depends on the checkout's umask.
 */
export function digestOfFiles(files: RenderedFile[]): string {
  const hash = createHash('sha256');
  const sorted = [...files].sort((a, b) =>
    a.path < b.path ? -1 : Number(a.path > b.path),
  );
  for (const file of sorted) {
    const executable = file.mode & 0o111 ? 'x' : '-';
    hash.update(
      `${file.path.length}:${file.path}\0${executable}\0${file.content.length}\0`,
    );
    hash.update(file.content);
  }
  return hash.digest('hex');
}

/** The released versions on disk: every `releases/<version>/skeleton/`. */
export function releasedVersions(releasesDir = RELEASES_DIR): string[] {
  if (!fs.existsSync(releasesDir)) return [];
  return fs
    .readdirSync(releasesDir, { withFileTypes: true })
    .filter(entry =>
      fs.existsSync(path.join(releasesDir, entry.name, 'skeleton')),
    )
    .map(entry => entry.name)
    .sort();
}

/**
 * Renders a released skeleton for each input through the same code fastapi:render uses,
 * stamped with the release's own version, and returns each variant's digest.
 */
export async function renderReleaseDigests(
  version: string,
  inputs: Record<string, Record<string, unknown>>,
  releasesDir = RELEASES_DIR,
): Promise<Record<string, VariantDigest>> {
  const render = await skeletonRenderer({
    skeletonDir: path.join(releasesDir, version, 'skeleton'),
    version,
  });
  return Object.fromEntries(
    Object.entries(inputs).map(([id, input]) => [
      id,
      { input, sha256: digestOfFiles(render(input)) },
    ]),
  );
}

export function readExpectedDigests(): ExpectedDigests {
  return JSON.parse(fs.readFileSync(EXPECTED_DIGESTS_FILE, 'utf8'));
}
