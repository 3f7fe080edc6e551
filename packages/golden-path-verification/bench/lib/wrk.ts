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

/** What one wrk run measured. */
export type WrkResult = {
  requestsPerSecond: number;
  requests: number;
  /** Requests not answered within WRK_TIMEOUT_SECONDS (not counted in `requests`). */
  timeouts: number;
};

/**
 * How long wrk waits for an answer. Its own default, 2 s, is passed by a healthy server's
 * slowest answers on a busy shared machine, and wrk drops those from its counts.
 */
export const WRK_TIMEOUT_SECONDS = 10;

/**
 * GET url under wrk's load: requests per second, requests answered and timeouts (fails
 * on connect, read or write errors and on non-2xx answers). Asynchronous on purpose: the
 * server's output pipes are drained by this event loop, and a blocked loop would stall a
 * server that logs every request.
 */
export async function runWrk(
  url: string,
  options: { seconds: number; connections: number; threads: number },
): Promise<WrkResult> {
  const { stdout: output } = await promisify(execFile)(
    'wrk',
    [
      `-t${options.threads}`,
      `-c${options.connections}`,
      `-d${options.seconds}s`,
      `--timeout`,
      `${WRK_TIMEOUT_SECONDS}s`,
      '--latency',
      url,
    ],
    { encoding: 'utf8' },
  );
  const socketErrors =
    /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(
      output,
    );
  const [connect, read, write, timeouts] = (socketErrors?.slice(1) ?? []).map(
    Number,
  );
  if (/Non-2xx or 3xx responses/.test(output) || connect || read || write)
    throw new Error(`wrk saw failures against ${url}:\n${output}`);
  const rate = /Requests\/sec:\s+([\d.]+)/.exec(output);
  const count = /(\d+) requests in/.exec(output);
  if (!rate || !count)
    throw new Error(`no Requests/sec in wrk output:\n${output}`);
  return {
    requestsPerSecond: Number(rate[1]),
    requests: Number(count[1]),
    timeouts: timeouts ?? 0,
  };
}
