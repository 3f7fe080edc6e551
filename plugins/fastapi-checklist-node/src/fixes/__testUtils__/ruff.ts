import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * An empty working directory for ruff: it looks for the first-party packages of a
 * stdin file under the working directory (this package's src/fastapi would count).
 */
let emptyDirectory: string | undefined;
const ruffDirectory = () =>
  (emptyDirectory ??= fs.mkdtempSync(path.join(os.tmpdir(), 'ruff-')));

/**
 * A Python source as `ruff format` writes it with its defaults (the skeleton's settings;
 * no configuration file is read), run as `python3 -m ruff` on stdin: nothing is written.
 * Throws when ruff is not installed, so the format proof never passes unchecked.
 */
export function ruffFormat(file: string, source: string): string {
  try {
    return execFileSync(
      'python3',
      ['-m', 'ruff', 'format', '--isolated', '--stdin-filename', file, '-'],
      {
        cwd: ruffDirectory(),
        input: source,
        encoding: 'utf8',
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
  } catch (error) {
    const { stderr } = error as { stderr?: string };
    throw new Error(
      `ruff format failed on ${file} (is ruff installed for python3? pip install ruff): ${
        stderr ?? String(error)
      }`,
    );
  }
}

/**
 * ruff's import-order findings (`I` rules: isort) on a Python source, `app` being the
 * service's own package; '' when the imports are sorted.
 */
export function ruffImportFindings(file: string, source: string): string {
  try {
    execFileSync(
      'python3',
      [
        '-m',
        'ruff',
        'check',
        '--isolated',
        '--select',
        'I',
        '--config',
        'lint.isort.known-first-party = ["app"]',
        '--output-format',
        'concise',
        '--stdin-filename',
        file,
        '-',
      ],
      {
        cwd: ruffDirectory(),
        input: source,
        encoding: 'utf8',
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    return '';
  } catch (error) {
    const { status, stdout, stderr } = error as {
      status?: number;
      stdout?: string;
      stderr?: string;
    };
    // Exit status 1: findings; anything else: ruff did not run.
    if (status === 1 && stdout) return stdout;
    throw new Error(
      `ruff check failed on ${file} (is ruff installed for python3? pip install ruff): ${
        stderr ?? String(error)
      }`,
    );
  }
}
