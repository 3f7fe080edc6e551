import type { LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { stringifyError } from '@backstage/errors';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import pLimit from 'p-limit';
import type {
  ChecklistStore,
  EvaluationClaim,
  StoredChecklist,
} from '../database/ChecklistStore';
import { CompletionBatch } from './CompletionBatch';

export type EvaluationCoordinatorOptions = {
  store: ChecklistStore;
  logger: LoggerService;
  /** Computes one evaluation (reads and analyses); storing is the coordinator's job. */
  evaluate(
    entity: Entity,
    previous: StoredChecklist | undefined,
  ): Promise<StoredChecklist>;
  /** The checklist-enabled entities among these refs (missing or disabled ones left out). */
  loadEntities(entityRefs: string[]): Promise<Map<string, Entity>>;
  /** Evaluations this replica runs at the same time when draining the queue. */
  concurrency: number;
  /** How long a claim lasts unless renewed (ms); renewed every third of it. */
  claimTimeout: number;
  historyLimit: number;
  /** How often a caller waiting for another replica's evaluation looks again (ms). */
  pollInterval?: number;
  /** Longest a finished queue evaluation waits to be saved with others of its batch (ms). */
  maxCompletionDelay?: number;
};

/** Queue entries claimed at once: this many rounds of `concurrency` evaluations. */
const ROUNDS_PER_BATCH = 8;

/** Whether someone stored an evaluation of the entity after `before` was read. */
function evaluatedSince(
  before: StoredChecklist | undefined,
  current: StoredChecklist | undefined,
): current is StoredChecklist {
  return !!current && current.evaluations !== before?.evaluations;
}

/**
 * Runs each entity's evaluation once at a time across the cluster: callers in this
 * process share one promise per entity, and every evaluation runs under a claim in the
 * database (renewed while it runs), so other replicas wait for it or skip the entity. A
 * replica that dies leaves its claims to expire; another takes the work over.
 */
export class EvaluationCoordinator {
  /** This replica, as claims name it. */
  readonly owner = `${os.hostname()}/${process.pid}/${randomUUID().slice(
    0,
    8,
  )}`;
  private readonly running = new Map<string, Promise<StoredChecklist>>();
  private draining?: Promise<number>;

  constructor(private readonly options: EvaluationCoordinatorOptions) {}

  /**
   * Evaluates the entity now, unless an evaluation of it is already running here or on
   * another replica: then that one's result is returned.
   */
  evaluate(entity: Entity): Promise<StoredChecklist> {
    const entityRef = stringifyEntityRef(entity);
    return this.once(entityRef, () =>
      this.evaluateOnRequest(entity, entityRef),
    );
  }

  /**
   * Evaluates queued entities, `concurrency` at a time, until the queue has nothing this
   * replica may claim. Concurrent calls in one process share one drain. Returns how many
   * evaluations it ran.
   */
  drainQueue(signal?: AbortSignal): Promise<number> {
    this.draining ??= this.drain(signal)
      .then(evaluations => {
        if (evaluations) {
          this.options.logger.info(
            `Checklist queue: ${evaluations} evaluations on this replica`,
          );
        }
        return evaluations;
      })
      .finally(() => {
        this.draining = undefined;
      });
    return this.draining;
  }

  private claim(): EvaluationClaim {
    return {
      owner: this.owner,
      expiresAt: Date.now() + this.options.claimTimeout,
    };
  }

  private once(
    entityRef: string,
    run: () => Promise<StoredChecklist>,
  ): Promise<StoredChecklist> {
    const current = this.running.get(entityRef);
    if (current) return current;
    const started = run().finally(() => this.running.delete(entityRef));
    this.running.set(entityRef, started);
    return started;
  }

  private async evaluateOnRequest(
    entity: Entity,
    entityRef: string,
  ): Promise<StoredChecklist> {
    const { store, pollInterval = 200 } = this.options;
    const before = await store.get(entityRef);
    for (;;) {
      if (await store.claim(entityRef, this.claim(), Date.now())) {
        // Another replica may have finished between our read and our claim.
        const current = await store.get(entityRef);
        if (evaluatedSince(before, current)) {
          await store.release(entityRef, this.owner);
          return current;
        }
        return this.evaluateClaimed(entity, entityRef, current, async record =>
          (await store.complete(record, this.owner, this.options.historyLimit))
            ? record
            : undefined,
        );
      }
      // Another replica is evaluating it: its result is ours too. Should it die, its
      // claim expires and the next round claims the entity here.
      await sleep(pollInterval);
      const current = await store.get(entityRef);
      if (evaluatedSince(before, current)) return current;
    }
  }

  /**
   * Evaluates an entity this replica holds the claim on (renewing it until the result is
   * saved) and saves the result through `complete`, which gives the record as saved, or
   * undefined when the claim was lost.
   */
  private async evaluateClaimed(
    entity: Entity,
    entityRef: string,
    previous: StoredChecklist | undefined,
    complete: (record: StoredChecklist) => Promise<StoredChecklist | undefined>,
    evaluate = () => this.options.evaluate(entity, previous),
  ): Promise<StoredChecklist> {
    const { store, logger, claimTimeout } = this.options;
    const renewal = setInterval(() => {
      store.renew([entityRef], this.claim()).catch(error => {
        logger.warn(
          `Could not renew the claim on ${entityRef}: ${stringifyError(error)}`,
        );
      });
    }, claimTimeout / 3);
    try {
      const record = await evaluate();
      const saved = await complete(record);
      if (saved) return saved;
      logger.warn(
        `The claim on ${entityRef} expired during its evaluation; another replica's result stands`,
      );
      return (await store.get(entityRef)) ?? record;
    } catch (error) {
      await store.release(entityRef, this.owner);
      throw error;
    } finally {
      clearInterval(renewal);
    }
  }

  /**
   * Evaluates one claimed queue entry in a lane, its result saved with the rest of its
   * batch; false when there was nothing to evaluate (or the drain is stopping).
   */
  private async evaluateQueued(
    ref: string,
    entity: Entity | undefined,
    previous: StoredChecklist | undefined,
    completions: CompletionBatch,
    inLane: <T>(run: () => Promise<T>) => Promise<T>,
    signal?: AbortSignal,
  ): Promise<boolean> {
    // Gone from the catalog, no longer enabled, or a request here is already waiting to
    // evaluate it: nothing for the queue to do.
    if (!entity || this.running.has(ref)) {
      completions.skip();
      await this.options.store.release(ref, this.owner);
      return false;
    }
    let reported = false;
    try {
      await this.once(ref, () =>
        this.evaluateClaimed(
          entity,
          ref,
          previous,
          record => {
            reported = true;
            return completions.add(record);
          },
          () =>
            inLane(async () => {
              // Stopping: the claim goes back at once rather than at its expiry.
              signal?.throwIfAborted();
              return this.options.evaluate(entity, previous);
            }),
        ),
      );
    } catch (error) {
      if (signal?.aborted) return false;
      throw error;
    } finally {
      if (!reported) completions.skip();
    }
    return true;
  }

  private async drain(signal?: AbortSignal): Promise<number> {
    const { concurrency } = this.options;
    // Lanes bound the evaluations running at once, across batches; waiting to be saved
    // takes no lane.
    const lane = pLimit(concurrency);
    const batches: Promise<number>[] = [];
    try {
      while (!signal?.aborted) {
        const batch = await this.startBatch(lane, signal);
        if (!batch) break;
        // Handled here and below: a failing batch must not go unobserved meanwhile.
        batch.done.catch(() => undefined);
        batches.push(batch.done);
        // The next batch is claimed once every entry of this one is running, so the
        // lanes never stand idle while a claim, the catalog and the database answer.
        await Promise.race([batch.allStarted, batch.done]);
      }
    } finally {
      await Promise.allSettled(batches);
    }
    const ran = await Promise.all(batches);
    return ran.reduce((sum, count) => sum + count, 0);
  }

  /**
   * Claims a batch of several rounds (one claim query, one catalog request, one read of
   * the previous results and few transactions saving them) and starts its evaluations in
   * the lanes; a lane that finishes early takes the next entry instead of waiting for
   * its round. Undefined when nothing was left to claim.
   */
  private async startBatch(
    lane: ReturnType<typeof pLimit>,
    signal?: AbortSignal,
  ): Promise<{ allStarted: Promise<void>; done: Promise<number> } | undefined> {
    const {
      store,
      concurrency,
      loadEntities,
      claimTimeout,
      logger,
      historyLimit,
      maxCompletionDelay = 100,
    } = this.options;
    const batchSize = concurrency * ROUNDS_PER_BATCH;
    const refs = await store.claimQueued(this.claim(), batchSize, Date.now());
    if (!refs.length) return undefined;
    // The batch's claims hold while it loads; then each entry renews its own.
    const renewal = setInterval(() => {
      store.renew(refs, this.claim()).catch(error => {
        logger.warn(
          `Could not renew the queue's claims: ${stringifyError(error)}`,
        );
      });
    }, claimTimeout / 3);
    let entities: Map<string, Entity>;
    let previous: Map<string, StoredChecklist>;
    try {
      [entities, previous] = await Promise.all([
        loadEntities(refs),
        store.getMany(refs),
      ]);
    } finally {
      clearInterval(renewal);
    }
    const completions = new CompletionBatch({
      expected: refs.length,
      size: batchSize,
      maxDelay: maxCompletionDelay,
      store: records => store.completeMany(records, this.owner, historyLimit),
    });
    const started = new Set<string>();
    let allStarted!: () => void;
    const everyStarted = new Promise<void>(resolve => {
      allStarted = resolve;
    });
    const markStarted = (ref: string) => {
      started.add(ref);
      if (started.size === refs.length) allStarted();
    };
    const done = Promise.all(
      refs.map(ref =>
        this.evaluateQueued(
          ref,
          entities.get(ref),
          previous.get(ref),
          completions,
          run =>
            lane(() => {
              markStarted(ref);
              return run();
            }),
          signal,
        ).finally(() => markStarted(ref)),
      ),
    ).then(ran => ran.filter(Boolean).length);
    return { allStarted: everyStarted, done };
  }
}
