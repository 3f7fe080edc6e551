import { ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import { formatCommand, StepError, tail } from './runStep';

/** A free TCP port on the loopback interface, as the OS hands it out. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A server process started from a rendered repository. */
export type RunningServer = {
  baseUrl: string;
  command: string;
  /** The server's process id, which is also its process group's (every worker's). */
  pid: number;
  /** Milliseconds from spawn to the first 200 of the readiness path. */
  coldStartMs: number;
  output(): string;
  stop(): Promise<void>;
};

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // The group is gone already.
  }
}

/**
 * Starts `args` (its own process group, so every worker can be stopped together) and
 * waits until GET `readyPath` answers 200. Fails with the command and the server's output
 * when it exits or is not ready within timeoutMs.
 */
export async function startServer(options: {
  variant: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  shownEnv?: Record<string, string>;
  port: number;
  readyPath?: string;
  timeoutMs?: number;
}): Promise<RunningServer> {
  const readyPath = options.readyPath ?? '/health';
  const timeoutMs = options.timeoutMs ?? 30_000;
  const command = formatCommand(options.args, options.shownEnv);
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const started = performance.now();
  const child = spawn(options.args[0], options.args.slice(1), {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', chunk => (output += chunk));
  child.stderr!.on('data', chunk => (output += chunk));
  let exited: string | undefined;
  const closed = new Promise<void>(resolve =>
    child.on('close', (code, signal) => {
      exited = signal ? `killed by ${signal}` : `exit code ${code}`;
      resolve();
    }),
  );
  child.on('error', error => {
    exited = error.message;
  });

  const stop = async () => {
    if (exited) return;
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 10_000);
    await closed;
    clearTimeout(timer);
    // Workers that outlived their parent.
    killGroup(child, 'SIGKILL');
  };
  const fail = async (reason: string): Promise<never> => {
    await stop();
    throw new StepError(options.variant, 'boot', command, tail(output), reason);
  };

  let lastStatus = 'no answer';
  for (;;) {
    if (exited)
      return fail(`the server stopped before it was ready (${exited})`);
    if (performance.now() - started > timeoutMs)
      return fail(
        `GET ${readyPath} not 200 within ${
          timeoutMs / 1000
        } s (last: ${lastStatus})`,
      );
    try {
      const response = await fetch(`${baseUrl}${readyPath}`, {
        signal: AbortSignal.timeout(2000),
      });
      const body = await response.text();
      if (response.status === 200) break;
      lastStatus = `${response.status} ${body.slice(0, 500)}`;
    } catch (error) {
      lastStatus = (error as Error).message;
    }
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  return {
    baseUrl,
    command,
    pid: child.pid!,
    coldStartMs: performance.now() - started,
    output: () => output,
    stop,
  };
}
