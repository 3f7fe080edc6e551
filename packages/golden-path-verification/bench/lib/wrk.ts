import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';

/** Debian's wrk, installed with apt-get when missing (as root; otherwise says how). */
export function ensureWrk(): string {
  const found = spawnSync('sh', ['-c', 'command -v wrk'], { encoding: 'utf8' });
  if (found.status === 0) return found.stdout.trim();
  if (process.getuid?.() !== 0)
    throw new Error(
      'wrk is not installed: run `sudo apt-get install -y wrk` (Debian/Ubuntu)',
    );
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', 'wrk'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return 'wrk';
}

/**
 * Requests per second of GET url under wrk's load (fails on socket errors or non-2xx).
 * Asynchronous on purpose: the server's output pipes are drained by this event loop, and
 * a blocked loop would stall a server that logs every request.
 */
export async function wrkRequestsPerSecond(
  url: string,
  options: { seconds: number; connections: number; threads: number },
): Promise<number> {
  const { stdout: output } = await promisify(execFile)(
    'wrk',
    [
      `-t${options.threads}`,
      `-c${options.connections}`,
      `-d${options.seconds}s`,
      '--latency',
      url,
    ],
    { encoding: 'utf8' },
  );
  if (/Non-2xx or 3xx responses|Socket errors/.test(output))
    throw new Error(`wrk saw failures against ${url}:\n${output}`);
  const match = /Requests\/sec:\s+([\d.]+)/.exec(output);
  if (!match) throw new Error(`no Requests/sec in wrk output:\n${output}`);
  return Number(match[1]);
}
