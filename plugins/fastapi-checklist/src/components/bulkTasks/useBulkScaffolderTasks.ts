import { useApiHolder } from '@backstage/core-plugin-api';
import { isError } from '@backstage/errors';
import {
  ScaffolderApi,
  scaffolderApiRef,
  ScaffolderTaskOutput,
} from '@backstage/plugin-scaffolder-react';
import pLimit from 'p-limit';
import { useCallback, useEffect, useRef, useState } from 'react';
import { formDefaults, FormValues } from './formDefaults';

/** Where one service's scaffolder task stands in a bulk run. */
export type BulkTaskResult =
  | { status: 'queued' }
  | { status: 'starting' }
  | { status: 'started'; taskId: string }
  | { status: 'completed'; taskId: string; output: ScaffolderTaskOutput }
  | { status: 'failed'; error: string; taskId?: string };

/** One task of a bulk run: the template (undefined when the service names none) and the values it is given. */
export type BulkTaskRequest = {
  /** The service's entity ref: its result is kept under it. */
  key: string;
  templateRef?: string;
  /**
   * Given on top of the template's form defaults; a function is called when the
   * service's turn comes (inside the concurrency limit), and its failure is the
   * service's result.
   */
  values: FormValues | (() => Promise<FormValues>);
};

/** What the task's completion event carries (the scaffolder backend's event body). */
type CompletionBody = {
  output?: ScaffolderTaskOutput;
  error?: { message?: string };
};

/**
 * The task's end, read from its event stream: its output, or why it failed. The stream
 * is closed when `signal` aborts (the card went away).
 */
function taskEnd(
  scaffolderApi: ScaffolderApi,
  taskId: string,
  signal: AbortSignal,
): Promise<{ output: ScaffolderTaskOutput } | { error: string }> {
  return new Promise(resolve => {
    let done = false;
    // set once subscribe() returns: the stream may end before it does
    const stream: { subscription?: { unsubscribe(): void } } = {};
    const finish = (
      end: { output: ScaffolderTaskOutput } | { error: string },
    ) => {
      if (done) return;
      done = true;
      resolve(end);
      stream.subscription?.unsubscribe();
    };
    // a no-op once the task has ended
    signal.addEventListener(
      'abort',
      () => finish({ error: 'No longer followed' }),
      { once: true },
    );
    stream.subscription = scaffolderApi.streamLogs({ taskId }).subscribe({
      next: event => {
        if (event.type === 'cancelled')
          finish({ error: 'The task was cancelled' });
        if (event.type !== 'completion') return;
        const body = event.body as typeof event.body & CompletionBody;
        if (body.error)
          finish({ error: body.error.message ?? 'The task failed' });
        else finish({ output: body.output ?? {} });
      },
      error: (error: Error) =>
        finish({
          error: `Lost track of the task (${error.message}): open it to see how it ended`,
        }),
      complete: () =>
        finish({
          error: 'The task ended without saying how: open it to see',
        }),
    });
    if (done) stream.subscription.unsubscribe();
    else if (signal.aborted) finish({ error: 'No longer followed' });
  });
}

/**
 * Starts one scaffolder task per service, at most `concurrency` at a time, and keeps each
 * service's result: its task, or why it could not start. Each template's form is read
 * once and its defaults given, as if the form were submitted unchanged. With `follow`, a
 * service's place is held until its task ends (so at most `concurrency` run at once), and
 * its result is the task's end: its output, or why it failed. `start` resolves to the
 * results once every task has; to undefined when the card went away first, which ends
 * the run: the queued services are not started, the streams are closed, nothing is set.
 * Undefined `start` when the app has no scaffolder.
 */
export function useBulkScaffolderTasks(options: {
  concurrency: number;
  follow?: boolean;
}) {
  const scaffolderApi = useApiHolder().get(scaffolderApiRef);
  const [results, setResults] = useState<Record<string, BulkTaskResult>>({});
  const [running, setRunning] = useState(false);
  const { concurrency, follow = false } = options;
  // the run under way, stopped when the card unmounts
  const current = useRef<AbortController>();
  useEffect(() => () => current.current?.abort(), []);

  const start = useCallback(
    async (
      requests: BulkTaskRequest[],
    ): Promise<Record<string, BulkTaskResult> | undefined> => {
      if (!scaffolderApi) return undefined;
      const run = new AbortController();
      current.current = run;
      const { signal } = run;
      const ended: Record<string, BulkTaskResult> = Object.fromEntries(
        requests.map(r => [r.key, { status: 'queued' }]),
      );
      const set = (key: string, result: BulkTaskResult) => {
        ended[key] = result;
        if (!signal.aborted)
          setResults(previous => ({ ...previous, [key]: result }));
      };
      setRunning(true);
      setResults({ ...ended });
      // one read of each template's form, shared by its services
      const defaults = new Map<string, Promise<FormValues>>();
      const defaultsOf = (templateRef: string) => {
        if (!defaults.has(templateRef)) {
          defaults.set(
            templateRef,
            scaffolderApi
              .getTemplateParameterSchema(templateRef)
              .then(formDefaults),
          );
        }
        return defaults.get(templateRef)!;
      };
      const limit = pLimit(Math.max(1, concurrency));
      const runAll = Promise.all(
        requests.map(({ key, templateRef, values }) =>
          limit(async () => {
            if (signal.aborted) return;
            set(key, { status: 'starting' });
            let taskId: string;
            try {
              if (!templateRef) {
                throw new Error(
                  'The service does not say which template made it',
                );
              }
              const given =
                typeof values === 'function' ? await values() : values;
              ({ taskId } = await scaffolderApi.scaffold({
                templateRef,
                values: { ...(await defaultsOf(templateRef)), ...given },
              }));
            } catch (error) {
              set(key, {
                status: 'failed',
                error: isError(error) ? error.message : String(error),
              });
              return;
            }
            set(key, { status: 'started', taskId });
            if (!follow || signal.aborted) return;
            const end = await taskEnd(scaffolderApi, taskId, signal);
            set(
              key,
              'output' in end
                ? { status: 'completed', taskId, output: end.output }
                : { status: 'failed', taskId, error: end.error },
            );
          }),
        ),
      );
      try {
        await runAll;
      } finally {
        // whatever happened, the card is not left locked
        if (!signal.aborted) setRunning(false);
      }
      return signal.aborted ? undefined : ended;
    },
    [scaffolderApi, concurrency, follow],
  );

  // a started task is finished with unless it is followed to its end
  const finished = Object.values(results).filter(
    r =>
      r.status === 'completed' ||
      r.status === 'failed' ||
      (!follow && r.status === 'started'),
  ).length;
  return {
    results,
    running,
    finished,
    total: Object.keys(results).length,
    start: scaffolderApi ? start : undefined,
  };
}
