import semver from 'semver';
import { allVariants } from '../variants/matrix';
import {
  digestOfFiles,
  readExpectedDigests,
  releasedVersions,
  renderReleaseDigests,
} from '../__testUtils__/releaseDigests';
import { skeletonRenderer } from '../__testUtils__/renderInMemory';
import { readTemplate, SKELETON_DIR } from '../__testUtils__/templateDirectory';

const expected = readExpectedDigests();

describe('released skeletons', () => {
  it('records the render of every release on disk, and of nothing else', () => {
    expect(releasedVersions()).toContain('0.1.0');
    expect(Object.keys(expected).sort()).toEqual(releasedVersions());
    for (const variants of Object.values(expected)) {
      expect(Object.keys(variants).sort()).toEqual(
        allVariants()
          .map(v => v.id)
          .sort(),
      );
    }
  });

  // The upgrade work re-renders a service's release to compare it with the repository:
  // any change to the render code, its filters or context, or a release's folder that
  // alters what a release renders fails here.
  it.each(Object.keys(expected))(
    'renders %s byte for byte as when it was released, for all 24 variants',
    async version => {
      const inputs = Object.fromEntries(
        Object.entries(expected[version]).map(([id, v]) => [id, v.input]),
      );
      expect(await renderReleaseDigests(version, inputs)).toEqual(
        expected[version],
      );
    },
  );
});

// A service records the version it was born from, and its upgrade re-renders that
// release as the common base: a skeleton that drifts from the release it still claims
// would make every later edit of the template look like the owner's own edit.
describe('the version template.yaml announces', () => {
  const announced: string =
    readTemplate().metadata.annotations['fastapi-golden-path/version'];

  it('is a valid version no older than any release', () => {
    expect(semver.valid(announced)).toBe(announced);
    for (const released of releasedVersions()) {
      expect(semver.gte(announced, released)).toBe(true);
    }
  });

  it('renders exactly like its release when it has been released', async () => {
    // Not released yet: no recorded digests, and the next `npm run release:skeleton`
    // freezes it.
    const recorded = releasedVersions().includes(announced)
      ? expected[announced]
      : undefined;
    const render = await skeletonRenderer({
      skeletonDir: SKELETON_DIR,
      version: announced,
    });
    const live = recorded
      ? Object.fromEntries(
          Object.entries(recorded).map(([id, { input }]) => [
            id,
            { input, sha256: digestOfFiles(render(input)) },
          ]),
        )
      : undefined;
    expect(live).toEqual(expected[announced]);
  });
});

describe('digestOfFiles', () => {
  const file = (path: string, content: string, mode = 0o644) => ({
    path,
    content: Buffer.from(content),
    mode,
  });
  const base = [file('a.py', 'x = 1\n'), file('b/c.txt', 'hello')];

  it('does not depend on the order files come in or on permissions other than executable', () => {
    expect(digestOfFiles([...base].reverse())).toBe(digestOfFiles(base));
    expect(digestOfFiles([file('a.py', 'x = 1\n', 0o664), base[1]])).toBe(
      digestOfFiles(base),
    );
  });

  it.each([
    ['one changed byte', [file('a.py', 'x = 2\n'), base[1]]],
    ['a renamed file', [file('a2.py', 'x = 1\n'), base[1]]],
    [
      'a byte moved to the other file',
      [file('a.py', 'x = 1'), file('b/c.txt', '\nhello')],
    ],
    ['a missing file', [base[0]]],
    ['an executable bit', [file('a.py', 'x = 1\n', 0o755), base[1]]],
  ])('changes with %s', (_, files) => {
    expect(digestOfFiles(files)).not.toBe(digestOfFiles(base));
  });
});
