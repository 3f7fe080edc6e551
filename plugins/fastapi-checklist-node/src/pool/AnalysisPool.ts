import {
  ChecklistOptions,
  ChecklistResult,
  InferredAnswers,
  validateChecklistOptions,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { Worker } from 'node:worker_threads';
import {
  AnalysisLimitError,
  AnalysisLimits,
  DEFAULT_ANALYSIS_LIMITS,
  LIMIT_KEYS,
} from '../limits';
import type { FixReport } from '../fixes';
import type { SourceTree } from '../tree/sourceTree';
import type { AnalysisRequest, AnalysisResponse } from './protocol';
import { workerEntry, WORKER_BOOTSTRAP } from './workerEntry';
import { inCallersRealm } from './callersRealm';

/**
 * How analyses run off the main thread.
 *
 * @public
 */
export type AnalysisPoolOptions = {
  /** Worker threads at most (each analyses one repository at a time). */
  workers: number;
  /** Heap of each worker (V8 old generation), in MB: more ends the analysis with an error. */
  workerMaxHeapMb: number;
  /** Wall time of one analysis: longer terminates its worker and gives an error. */
  timeoutMs: number;
  limits: AnalysisLimits;
};

/** @public */
/**
 * What runs an analysis for a caller: an AnalysisPool in a backend, or anything with the
 * same method in a test.
 *
 * @public
 */
export type ChecklistAnalyzer = Pick<AnalysisPool, 'analyze'>;

export const DEFAULT_ANALYSIS_POOL_OPTIONS: AnalysisPoolOptions = {
  workers: 2,
  workerMaxHeapMb: 1024,
  timeoutMs: 120_000,
  limits: DEFAULT_ANALYSIS_LIMITS,
};

/** What a worker answers: an analysis, a fix report or inferred answers. */
type Outcome = ChecklistResult | FixReport | InferredAnswers;

type Task = {
  request: AnalysisRequest;
  resolve: (result: Outcome) => void;
  reject: (error: Error) => void;
};

function errorFrom(response: { name: string; message: string }): Error {
  const error =
    response.name === 'AnalysisLimitError'
      ? new AnalysisLimitError(response.message)
      : new Error(response.message);
  error.name = response.name;
  return error;
}

/**
 * Runs analyses in a pool of worker threads, so a large or hostile repository neither
 * blocks the backend's event loop nor exhausts its heap: each worker has a heap limit,
 * each analysis a time limit (its worker is terminated and replaced), and a worker whose
 * parser failed is replaced by a fresh one (a new wasm instance). Tasks beyond the pool
 * size wait in order.
 *
 * @public
 */
export class AnalysisPool {
  private readonly idle: Worker[] = [];
  private readonly queue: Task[] = [];
  private readonly all = new Set<Worker>();
  private closed = false;

  constructor(
    private readonly options: AnalysisPoolOptions = DEFAULT_ANALYSIS_POOL_OPTIONS,
  ) {}

  /** Analyses a repository in a worker; rejects with AnalysisLimitError over a limit. */
  analyze(
    tree: SourceTree,
    checklist: ChecklistOptions = {},
  ): Promise<ChecklistResult> {
    return this.enqueue(tree, checklist) as Promise<ChecklistResult>;
  }

  /**
   * Runs the automatic fixes of `checkIds` on a repository (fixRepository, which analyses
   * once per fix) in a worker, under the same heap and time limits as an analysis.
   */
  fix(
    tree: SourceTree,
    checkIds: readonly string[],
    checklist: ChecklistOptions = {},
  ): Promise<FixReport> {
    return this.enqueue(tree, checklist, [...checkIds]) as Promise<FixReport>;
  }

  /**
   * Infers the template's answers from a service repository (inferTemplateAnswers) in a
   * worker, under the same heap and time limits as an analysis.
   */
  inferAnswers(tree: SourceTree): Promise<InferredAnswers> {
    return this.enqueue(tree, {}, undefined, true) as Promise<InferredAnswers>;
  }

  private enqueue(
    tree: SourceTree,
    checklist: ChecklistOptions,
    fixChecks?: string[],
    inferAnswers?: boolean,
  ): Promise<Outcome> {
    if (this.closed)
      return Promise.reject(new Error('The analysis pool is closed'));
    validateChecklistOptions(checklist);
    return new Promise((resolve, reject) => {
      this.queue.push({
        request: {
          files: [...tree.files],
          skipped: tree.skipped,
          options: checklist,
          limits: this.options.limits,
          ...(fixChecks && { fixChecks }),
          ...(inferAnswers && { inferAnswers }),
        },
        resolve,
        reject,
      });
      this.drain();
    });
  }

  /** Stops every worker; queued analyses are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0))
      task.reject(new Error('The analysis pool is closed'));
    await Promise.all([...this.all].map(worker => worker.terminate()));
    this.all.clear();
    this.idle.length = 0;
  }

  private drain(): void {
    while (
      this.queue.length > 0 &&
      (this.idle.length > 0 || this.all.size < this.options.workers)
    ) {
      const worker = this.idle.pop() ?? this.spawn();
      this.run(worker, this.queue.shift()!);
    }
  }

  private spawn(): Worker {
    const entry = workerEntry();
    const worker = new Worker(WORKER_BOOTSTRAP, {
      eval: true,
      workerData: entry,
      resourceLimits: { maxOldGenerationSizeMb: this.options.workerMaxHeapMb },
    });
    this.all.add(worker);
    return worker;
  }

  private run(worker: Worker, task: Task): void {
    worker.ref();
    let settled = false;
    const cleanups: (() => void)[] = [];
    const finish = (outcome: Outcome | Error, retire: boolean) => {
      if (settled) return;
      settled = true;
      for (const cleanup of cleanups) cleanup();
      if (retire || this.closed) {
        this.all.delete(worker);
        void worker.terminate();
      } else {
        // An idle worker must not keep the process alive.
        worker.unref();
        this.idle.push(worker);
      }
      if (outcome instanceof Error) task.reject(outcome);
      else task.resolve(outcome);
      this.drain();
    };
    const listen = <A extends unknown[]>(
      event: 'message' | 'error' | 'exit',
      listener: (...args: A) => void,
    ) => {
      worker.on(event, listener as (...args: unknown[]) => void);
      cleanups.push(() =>
        worker.off(event, listener as (...args: unknown[]) => void),
      );
    };
    listen('message', (response: AnalysisResponse) => {
      if ('error' in response)
        finish(errorFrom(response.error), response.retire);
      else if ('fixed' in response) finish(response.fixed, response.retire);
      else if ('inferred' in response)
        finish(response.inferred, response.retire);
      else finish(inCallersRealm(response.result), response.retire);
    });
    listen('error', (error: Error & { code?: string }) =>
      finish(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new AnalysisLimitError(
              `The analysis needed more than ${this.options.workerMaxHeapMb} MB of heap (limit ${LIMIT_KEYS.workerMaxHeapMb})`,
            )
          : new Error(`The analysis worker failed: ${error.message}`),
        true,
      ),
    );
    listen('exit', (code: number) =>
      finish(
        new Error(
          this.closed
            ? 'The analysis was stopped: the backend is shutting down'
            : `The analysis worker stopped (exit code ${code})`,
        ),
        true,
      ),
    );
    const timer = setTimeout(
      () =>
        finish(
          new AnalysisLimitError(
            `The analysis took longer than ${this.options.timeoutMs} ms (limit ${LIMIT_KEYS.timeoutMs})`,
          ),
          true,
        ),
      this.options.timeoutMs,
    );
    cleanups.push(() => clearTimeout(timer));
    worker.postMessage(task.request);
  }
}
