import { useApiHolder } from '@backstage/core-plugin-api';
import {
  ScaffolderApi,
  scaffolderApiRef,
  ScaffolderTaskOutput,
} from '@backstage/plugin-scaffolder-react';
import pLimit from 'p-limit';
import { useCallback, useState } from 'react';
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

/** The task's end, read from its event stream: its output, or why it failed. */
function taskEnd(
  scaffolderApi: ScaffolderApi,
  taskId: string,
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
  });
}

/**
 * Starts one scaffolder task per service, at most `concurrency` at a time, and keeps each
 * service's result: its task, or why it could not start. Each template's form is read
 * once and its defaults given, as if the form were submitted unchanged. With `follow`, a
 * service's place is held until its task ends (so at most `concurrency` run at once), and
 * its result is the task's end: its output, or why it failed. Undefined `start` when the
 * app has no scaffolder.
 */
export function useBulkScaffolderTasks(options: {
  concurrency: number;
  follow?: boolean;
}) {
  const scaffolderApi = useApiHolder().get(scaffolderApiRef);
  const [results, setResults] = useState<Record<string, BulkTaskResult>>({});
  const [running, setRunning] = useState(false);
  const { concurrency, follow = false } = options;

  const start = useCallback(
    async (requests: BulkTaskRequest[]) => {
      if (!scaffolderApi) return;
      const set = (key: string, result: BulkTaskResult) =>
        setResults(previous => ({ ...previous, [key]: result }));
      setRunning(true);
      setResults(
        Object.fromEntries(requests.map(r => [r.key, { status: 'queued' }])),
      );
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
      await Promise.all(
        requests.map(({ key, templateRef, values }) =>
          limit(async () => {
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
                error: (error as Error).message ?? String(error),
              });
              return;
            }
            set(key, { status: 'started', taskId });
            if (!follow) return;
            const end = await taskEnd(scaffolderApi, taskId);
            set(
              key,
              'output' in end
                ? { status: 'completed', taskId, output: end.output }
                : { status: 'failed', taskId, error: end.error },
            );
          }),
        ),
      );
      setRunning(false);
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
