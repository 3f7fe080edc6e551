import type { LoggerService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import type { TemplateAction } from '@backstage/plugin-scaffolder-node';
import path from 'node:path';

/** Failures that are the user's to fix; anything else is also logged for operators. */
const EXPECTED_FAILURES = new Set([
  'InputError',
  'ConflictError',
  'NotFoundError',
  'NotAllowedError',
  'AnalysisLimitError',
]);

/** A server directory and what the user is told instead. */
type ServerPath = { path: string; label: string };

/** `text` without server directories: paths inside one become relative to it. */
export function withoutServerPaths(
  text: string,
  serverPaths: ServerPath[],
): string {
  let shown = text;
  // the most specific first: the workspace lies inside the working directory
  for (const { path: dir, label } of [...serverPaths]
    .filter(p => p.path.length > 1)
    .sort((a, b) => b.path.length - a.path.length)) {
    shown = shown.split(`${dir}${path.sep}`).join('').split(dir).join(label);
  }
  return shown;
}

/**
 * The error as the task log should show it: the scaffolder writes a failed step's
 * `error.stack` to the log the user reads (NunjucksWorkflowRunner), so the stack is
 * only "Name: message", and the message names no server directory. Same class and
 * name (the scaffolder and the HTTP error handler decide by them).
 */
export function userFacingError(error: unknown, serverPaths: ServerPath[]) {
  // by shape, not instanceof: Node's own errors may come from another realm
  const original: Error = isError(error)
    ? error
    : new Error(String(error ?? 'unknown'));
  const shown: Error = Object.create(Object.getPrototypeOf(original));
  Object.assign(shown, original);
  const message = withoutServerPaths(original.message, serverPaths);
  Object.defineProperties(shown, {
    name: { value: original.name, writable: true, configurable: true },
    message: { value: message, writable: true, configurable: true },
    stack: {
      value: `${original.name}: ${message}`,
      writable: true,
      configurable: true,
    },
  });
  return shown;
}

/**
 * The action, failing with user-facing errors (see userFacingError). An unexpected
 * failure keeps its stack in the backend's log, where an operator can find it.
 */
export function withUserFacingErrors<A extends TemplateAction<any, any, any>>(
  action: A,
  options: { logger: LoggerService; localRoot?: string },
): A {
  return {
    ...action,
    async handler(ctx: Parameters<A['handler']>[0]) {
      try {
        return await action.handler(ctx);
      } catch (error) {
        if (!isError(error) || !EXPECTED_FAILURES.has(error.name)) {
          options.logger.error(
            `${action.id} failed in task ${ctx.task.id}`,
            error as Error,
          );
        }
        throw userFacingError(error, [
          { path: ctx.workspacePath, label: '<workspace>' },
          {
            path: path.dirname(ctx.workspacePath),
            label: '<working directory>',
          },
          ...(options.localRoot
            ? [{ path: options.localRoot, label: '<local repositories root>' }]
            : []),
          { path: process.cwd(), label: '<backend>' },
        ]);
      }
    },
  };
}
