import { analyzeRepository } from '../analyze';
import {
  checkOf,
  evidenceLines,
  serviceWith,
} from '../__fixtures__/analyzeFixture';
import { treeFromEntries } from '../tree/sourceTree';

describe('dependency-lock', () => {
  it('passes with a lock file that records hashes', async () => {
    const item = await checkOf('dependency-lock');
    expect(item.status).toBe('pass');
    expect(evidenceLines(item)).toEqual(['uv.lock:8 uv.lock pins hashes']);
  });

  it('passes with requirements pinned with --hash on every requirement (continuations joined)', async () => {
    const item = await checkOf('dependency-lock', {
      'uv.lock': null,
      'requirements.txt': [
        '# pip-compile --generate-hashes',
        'fastapi==0.115.6 \\',
        '    --hash=sha256:9ec46f7addc14ea472958a96aae5b5de65f39721a46aaf5705c480d9a8b76654',
        'pydantic==2.10.4 --hash=sha256:597e135ea68be3a37552fb524bc7d0d66dcf93d395acd93a00682f1efcb8ee3d',
      ].join('\n'),
    });
    expect(item.status).toBe('pass');
  });

  it('passes a lock file too large to read, saying so', async () => {
    const tree = treeFromEntries(
      Object.entries(serviceWith({ 'uv.lock': 'x'.repeat(600 * 1024) })),
    );
    const result = await analyzeRepository(tree);
    const item = result.items.find(i => i.id === 'dependency-lock')!;
    expect(item.status).toBe('pass');
    expect(item.summary).toMatch(
      /^Dependencies are locked in uv\.lock \(not read: over the size limit/,
    );
  });

  it('warns for exact pins without hashes, and for a lock without hashes', async () => {
    const pins = await checkOf('dependency-lock', {
      'uv.lock': null,
      'requirements.txt':
        'fastapi==0.115.6\npydantic-settings==2.7.0 ; python_version >= "3.12"\n',
      'requirements-dev.txt': 'pytest\n',
    });
    expect(pins.status).toBe('warn');
    expect(evidenceLines(pins)).toEqual([
      'requirements.txt:1 exact pin without a hash',
    ]);
    const lock = await checkOf('dependency-lock', {
      'uv.lock': 'version = 1\n[[package]]\nname = "fastapi"\n',
    });
    expect(lock.status).toBe('warn');
  });

  it('fails for unpinned requirements, and without any lock', async () => {
    const ranges = await checkOf('dependency-lock', {
      'uv.lock': null,
      'requirements.txt': 'fastapi>=0.115\npydantic==2.10.4\n',
    });
    expect(ranges.status).toBe('fail');
    expect(evidenceLines(ranges)).toEqual(['requirements.txt:1 not pinned']);
    const none = await checkOf('dependency-lock', { 'uv.lock': null });
    expect(none.status).toBe('fail');
  });

  it("finds the workspace's lock above a service in a subfolder", async () => {
    const files = Object.fromEntries(
      Object.entries(serviceWith()).map(([path, content]) => [
        [
          'uv.lock',
          '.github/dependabot.yml',
          '.github/workflows/ci.yml',
        ].includes(path)
          ? path
          : `backend/${path}`,
        content,
      ]),
    );
    const result = await analyzeRepository(
      treeFromEntries(Object.entries(files)),
    );
    expect(result.serviceRoots).toEqual(['backend']);
    expect(result.items.find(i => i.id === 'dependency-lock')?.status).toBe(
      'pass',
    );
  });

  it('does not take a lock above the service that does not lock fastapi (tooling only) for its lock', async () => {
    const files: Record<string, string> = Object.fromEntries(
      Object.entries(serviceWith({ 'uv.lock': null })).map(
        ([path, content]) => [`backend/${path}`, content as string],
      ),
    );
    files['backend/requirements.txt'] = 'fastapi==0.115.6\nuvicorn==0.34.0\n';
    files['pyproject.toml'] =
      '[tool.poetry]\nname = "tools"\n\n[tool.poetry.dependencies]\npython = "^3.12"\npre-commit = "^4.0.1"\n';
    files['poetry.lock'] = [
      '[[package]]',
      'name = "pre-commit"',
      'version = "4.0.1"',
      'files = [',
      '    {file = "pre_commit-4.0.1.tar.gz", hash = "sha256:80905ac375958c0444c65e9cebebd948b3cdb518f335a091a670a89d652139d2"},',
      ']',
      '',
    ].join('\n');
    const analyze = async (tree: Record<string, string>) =>
      (
        await analyzeRepository(treeFromEntries(Object.entries(tree)))
      ).items.find(i => i.id === 'dependency-lock')!;
    const tooling = await analyze(files);
    expect(tooling.status).toBe('warn');
    expect(evidenceLines(tooling)).toEqual([
      'backend/requirements.txt:1 exact pin without a hash',
    ]);
    // The same lock locking fastapi is the workspace's lock of the service.
    const workspace = await analyze({
      ...files,
      'poetry.lock': `${files['poetry.lock']}[[package]]\nname = "fastapi"\nversion = "0.115.6"\n`,
    });
    expect(workspace.status).toBe('pass');
  });
});

describe('dependency-updates', () => {
  it('passes with Dependabot covering a Python ecosystem', async () => {
    const item = await checkOf('dependency-updates');
    expect(evidenceLines(item)).toEqual([
      '.github/dependabot.yml:3 Python ecosystem',
    ]);
    expect(item.status).toBe('pass');
  });

  it('passes with Renovate (a config file, or "renovate" in package.json)', async () => {
    const file = await checkOf('dependency-updates', {
      '.github/dependabot.yml': null,
      'renovate.json': '{ "extends": ["config:recommended"] }\n',
    });
    expect(file.status).toBe('pass');
    const inPackage = await checkOf('dependency-updates', {
      '.github/dependabot.yml': null,
      'package.json':
        '{\n  "name": "x",\n  "renovate": { "extends": ["config:recommended"] }\n}\n',
    });
    expect(evidenceLines(inPackage)).toEqual([
      'package.json:3 Renovate configuration',
    ]);
  });

  it('warns when Dependabot or Renovate leave Python out', async () => {
    const actionsOnly = await checkOf('dependency-updates', {
      '.github/dependabot.yml':
        'version: 2\nupdates:\n  - package-ecosystem: github-actions\n    directory: /\n',
    });
    expect(actionsOnly.status).toBe('warn');
    const npmOnly = await checkOf('dependency-updates', {
      '.github/dependabot.yml': null,
      'renovate.json': '{ "enabledManagers": ["npm"] }\n',
    });
    expect(npmOnly.status).toBe('warn');
  });

  it('fails without either (a disabled Dependabot file does not count)', async () => {
    const item = await checkOf('dependency-updates', {
      '.github/dependabot.yml': null,
      '.github/dependabot.yml.disabled': 'version: 2\n',
    });
    expect(item.status).toBe('fail');
  });
});

describe('ci', () => {
  it('passes with a workflow step running pytest', async () => {
    const item = await checkOf('ci');
    expect(evidenceLines(item)).toEqual([
      '.github/workflows/ci.yml:10 runs the tests',
    ]);
  });

  it('does not take a data file a step reads (grep … pyproject.toml) for a script running the tests', async () => {
    const item = await checkOf('ci', {
      '.github/workflows/ci.yml': [
        'on: [push]',
        'jobs:',
        '  versions:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        "      - run: grep '^version = ' backend/pyproject.toml",
      ].join('\n'),
      'backend/pyproject.toml':
        '[project]\nname = "shop"\n[project.optional-dependencies]\ndev = ["pytest>=8.0"]\n',
    });
    expect(item.status).toBe('warn');
  });

  it('passes through a script in the working directory that runs another that runs pytest', async () => {
    const item = await checkOf('ci', {
      '.github/workflows/ci.yml': [
        'on: [push]',
        'jobs:',
        '  test:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - run: pip install pytest',
        '      - run: bash scripts/tests-start.sh',
        '        working-directory: backend',
      ].join('\n'),
      'backend/scripts/tests-start.sh': 'set -e\nbash scripts/test.sh "$@"\n',
      'backend/scripts/test.sh': 'coverage run -m pytest tests/\n',
    });
    expect(item.status).toBe('pass');
    expect(evidenceLines(item)).toEqual([
      '.github/workflows/ci.yml:7 runs backend/scripts/tests-start.sh',
      'backend/scripts/test.sh:1 which runs the tests',
    ]);
  });

  it.each([
    ['.gitlab-ci.yml', 'test:\n  script:\n    - tox -e py312\n'],
    [
      '.circleci/config.yml',
      'jobs:\n  test:\n    steps:\n      - run: make test\n',
    ],
    ['Jenkinsfile', "stage('test') { sh 'uv run pytest' }\n"],
  ])('passes with %s', async (path, content) => {
    const item = await checkOf('ci', {
      '.github/workflows/ci.yml': null,
      [path]: content,
    });
    expect(item.status).toBe('pass');
  });

  it('warns when CI only lints (installing pytest is not running it)', async () => {
    const item = await checkOf('ci', {
      '.github/workflows/ci.yml':
        'jobs:\n  lint:\n    steps:\n      - run: pip install ruff pytest\n      - run: ruff check .\n',
    });
    expect(item.status).toBe('warn');
  });

  it('fails without CI', async () => {
    const item = await checkOf('ci', { '.github/workflows/ci.yml': null });
    expect(item.status).toBe('fail');
  });
});

describe('dependency-lock: a requirements file named otherwise, installed by the image', () => {
  const image = (install: string) =>
    `FROM python:3.13-slim\nCOPY req.txt req.txt\nRUN ${install}\nUSER app\nCMD ["fastapi", "run", "app/main.py", "--workers", "4"]\n`;

  it('judges the file the Dockerfile installs with pip install -r', async () => {
    const item = await checkOf('dependency-lock', {
      'uv.lock': null,
      Dockerfile: image('python3 -m pip install --no-cache-dir -r req.txt'),
      'req.txt': 'fastapi==0.115.6\npydantic==2.10.4\n',
    });
    expect(item.status).toBe('warn');
    expect(evidenceLines(item)).toEqual(['req.txt:1 exact pin without a hash']);
    const unpinned = await checkOf('dependency-lock', {
      'uv.lock': null,
      Dockerfile: image('pip install --requirement=req.txt'),
      'req.txt': 'fastapi\n',
    });
    expect(unpinned.status).toBe('fail');
  });

  it('does not read a .txt file the image never installs', async () => {
    const item = await checkOf('dependency-lock', {
      'uv.lock': null,
      Dockerfile: image('pip install fastapi'),
      'req.txt': 'fastapi==0.115.6\n',
    });
    expect(item.status).toBe('fail');
  });
});

describe('dependency-lock: a requirements file saved as UTF-16 (corpus, sixth round)', () => {
  it('reads a requirements.txt written by `pip freeze >` in PowerShell (UTF-16 with a BOM)', async () => {
    const utf16 = (text: string) =>
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const result = await analyzeRepository(
      treeFromEntries(
        Object.entries({
          ...serviceWith({ 'uv.lock': null }),
          'requirements.txt': utf16('fastapi==0.115.6\r\npydantic==2.10.4\r\n'),
        }),
      ),
    );
    const item = result.items.find(i => i.id === 'dependency-lock')!;
    expect(item.status).toBe('warn');
    expect(evidenceLines(item)).toEqual([
      'requirements.txt:1 exact pin without a hash',
    ]);
  });
});
