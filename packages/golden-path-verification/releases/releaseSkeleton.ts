/* eslint-disable no-console */
import fs from 'node:fs';
import path from 'node:path';
import {
  readTemplate,
  RELEASES_DIR,
  SKELETON_DIR,
} from '../src/__testUtils__/templateDirectory';
import { allVariants } from '../src/variants/matrix';
import {
  EXPECTED_DIGESTS_FILE,
  readExpectedDigests,
  renderReleaseDigests,
} from '../src/__testUtils__/releaseDigests';

const VERSION_ANNOTATION = 'fastapi-golden-path/version';

/**
 * `npm run release:skeleton -- <version>`: freezes the template's current skeleton as
 * `releases/<version>/skeleton/` and records the digest of each of the 24 variants
 * rendered from it (src/releases/expectedDigests.json), which releases.test.ts then
 * holds every later render of that release to. The version must be the one
 * template.yaml announces, and a released version is never overwritten.
 */
async function main() {
  const version = process.argv[2];
  if (!version || !/^\d+\.\d+\.\d+$/.test(version)) {
    throw new Error('Usage: npm run release:skeleton -- <major.minor.patch>');
  }
  const announced = readTemplate()?.metadata?.annotations?.[VERSION_ANNOTATION];
  if (announced !== version) {
    throw new Error(
      `template.yaml's ${VERSION_ANNOTATION} is ${announced}: set it to ${version} before releasing ${version}`,
    );
  }
  const target = path.join(RELEASES_DIR, version, 'skeleton');
  if (fs.existsSync(path.join(RELEASES_DIR, version))) {
    throw new Error(`${version} is already released (${target})`);
  }
  const expected = fs.existsSync(EXPECTED_DIGESTS_FILE)
    ? readExpectedDigests()
    : {};
  fs.cpSync(SKELETON_DIR, target, { recursive: true, verbatimSymlinks: true });
  const inputs = Object.fromEntries(allVariants().map(v => [v.id, v.input]));
  expected[version] = await renderReleaseDigests(version, inputs);
  fs.writeFileSync(
    EXPECTED_DIGESTS_FILE,
    `${JSON.stringify(expected, null, 2)}\n`,
  );
  console.log(
    `Released ${version}: ${target}, digests of ${
      Object.keys(inputs).length
    } variants in ${EXPECTED_DIGESTS_FILE}. Commit both, then set ${VERSION_ANNOTATION} in template.yaml to the next version.`,
  );
}

main().catch(error => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
