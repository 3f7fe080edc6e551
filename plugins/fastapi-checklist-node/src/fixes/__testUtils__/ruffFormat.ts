import { execFileSync } from 'node:child_process';

/**
 * A Python source as `ruff format` writes it with its defaults (the skeleton's settings;
 * no configuration file is read), run as `python3 -m ruff` on stdin: nothing is written.
 * Throws when ruff is not installed, so the format proof never passes unchecked.
 */
export function ruffFormat(path: string, source: string): string {
  try {
    return execFileSync(
      'python3',
      ['-m', 'ruff', 'format', '--isolated', '--stdin-filename', path, '-'],
      { input: source, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] },
    );
  } catch (error) {
    const { stderr } = error as { stderr?: string };
    throw new Error(
      `ruff format failed on ${path} (is ruff installed for python3? pip install ruff): ${
        stderr ?? String(error)
      }`,
    );
  }
}
