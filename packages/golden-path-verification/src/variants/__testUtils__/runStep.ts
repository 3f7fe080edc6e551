import { spawn } from 'node:child_process';

/** A command of one variant's check that did not succeed. */
export class StepError extends Error {
  constructor(
    readonly variant: string,
    readonly step: string,
    readonly command: string,
    readonly output: string,
    reason: string,
    /** The complete output when `output` was shortened. */
    readonly fullOutput: string = output,
  ) {
    super(
      `${variant}: step "${step}" failed (${reason})\n$ ${command}\n${output}`,
    );
    this.name = 'StepError';
  }
}

export type StepContext = {
  variant: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
};

/** How a command is shown in a failure: environment overrides, then quoted words. */
export function formatCommand(
  args: string[],
  env: Record<string, string> = {},
): string {
  const quote = (word: string) =>
    /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
  const prefix = Object.entries(env).map(([k, v]) => `${k}=${quote(v)}`);
  return [...prefix, ...args.map(quote)].join(' ');
}

/** The last `limit` characters of text, so a failure message stays readable. */
export function tail(text: string, limit = 20_000): string {
  return text.length <= limit
    ? text
    : `[… ${text.length - limit} characters cut …]\n${text.slice(-limit)}`;
}

/**
 * Runs one command of a variant's check and resolves with its combined output; rejects
 * with a StepError naming the variant, the exact command and its output when the command
 * exits non-zero, is killed by a signal or outlives timeoutMs (then its whole process
 * group is killed).
 */
export function runStep(
  ctx: StepContext,
  step: string,
  args: string[],
  options: { timeoutMs: number; env?: Record<string, string> },
): Promise<string> {
  const shown = formatCommand(args, options.env);
  return new Promise((resolve, reject) => {
    const child = spawn(args[0], args.slice(1), {
      cwd: ctx.cwd,
      env: { ...ctx.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    child.stdout.on('data', chunk => (output += chunk));
    child.stderr.on('data', chunk => (output += chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }, options.timeoutMs);
    child.on('error', error => {
      clearTimeout(timer);
      reject(new StepError(ctx.variant, step, shown, output, error.message));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      let reason = signal ? `killed by ${signal}` : `exit code ${code}`;
      if (timedOut) reason = `timed out after ${options.timeoutMs / 1000} s`;
      if (code === 0 && !timedOut) resolve(output);
      else
        reject(
          new StepError(ctx.variant, step, shown, tail(output), reason, output),
        );
    });
  });
}
