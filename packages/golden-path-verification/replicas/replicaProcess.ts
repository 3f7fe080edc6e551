import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** A replica backend running as its own process, with its log kept for counting. */
export type Replica = {
  name: string;
  baseUrl: string;
  process: ChildProcess;
  /** Log lines so far (stdout and stderr). */
  lines: string[];
};

/**
 * Starts replicaBackend.ts in a new Node process (tsx as its loader, so SIGKILL hits the
 * backend itself) and waits until it reports ready.
 */
export async function startReplica(options: {
  name: string;
  port: number;
  configFile: string;
  entitiesFile: string;
  logFile: string;
  /** CPUs the replica may run on (`taskset -c`), to give each replica a machine's share. */
  cpus?: string;
  /** The bench's repository server (repositoryServer.ts), read through its UrlReader. */
  repositoryServer?: string;
}): Promise<Replica> {
  const node = [
    process.execPath,
    '--import',
    'tsx',
    path.join(__dirname, 'replicaBackend.ts'),
    '--config',
    options.configFile,
  ];
  // taskset execs node in place, so the pid (and SIGKILL) is still the backend's.
  const [command, ...args] = options.cpus
    ? ['taskset', '-c', options.cpus, ...node]
    : node;
  const child = spawn(command, args, {
    cwd: path.resolve(__dirname, '..'),
    env: {
      ...process.env,
      REPLICA_ENTITIES: options.entitiesFile,
      ...(options.repositoryServer && {
        REPLICA_REPOSITORY_SERVER: options.repositoryServer,
      }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const replica: Replica = {
    name: options.name,
    baseUrl: `http://127.0.0.1:${options.port}`,
    process: child,
    lines: [],
  };
  const log = fs.createWriteStream(options.logFile, { flags: 'a' });
  let pending = '';
  const collect = (chunk: Buffer) => {
    log.write(chunk);
    const text = pending + chunk.toString('utf8');
    const parts = text.split('\n');
    pending = parts.pop() ?? '';
    replica.lines.push(...parts);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);

  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(
        `${options.name} exited with ${child.exitCode}; see ${
          options.logFile
        }\n${tail(replica.lines)}`,
      );
    }
    try {
      const res = await fetch(
        `${replica.baseUrl}/.backstage/health/v1/readiness`,
      );
      // Ready, and the plugins (with their migrations) initialised.
      if (
        res.ok &&
        replica.lines.some(line =>
          line.includes('Plugin initialization complete'),
        )
      ) {
        return replica;
      }
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(
        `${options.name} never became ready; see ${options.logFile}\n${tail(
          replica.lines,
        )}`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 500));
  }
}

/** The end of a replica's log, for an error that CI prints (the log file is gone with it). */
function tail(lines: string[]): string {
  return lines.slice(-40).join('\n');
}

/** Stops a replica: SIGTERM (a clean shutdown) or SIGKILL (a crash), and waits for it. */
export async function stopReplica(
  replica: Replica,
  signal: 'SIGTERM' | 'SIGKILL',
): Promise<void> {
  if (replica.process.exitCode !== null || replica.process.signalCode) return;
  const exited = new Promise(resolve => replica.process.once('exit', resolve));
  replica.process.kill(signal);
  await exited;
}

/** Sum of the numbers a pattern captures in the replica's log lines from `from` on. */
export function sumLogged(replica: Replica, pattern: RegExp, from = 0): number {
  return replica.lines
    .slice(from)
    .map(line => pattern.exec(line))
    .reduce((sum, match) => sum + (match ? Number(match[1] ?? 1) : 0), 0);
}
