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
        return this.evaluateClaimed(entity, entityRef, current);
      }
      // Another replica is evaluating it: its result is ours too. Should it die, its
      // claim expires and the next round claims the entity here.
      await sleep(pollInterval);
      const current = await store.get(entityRef);
      if (evaluatedSince(before, current)) return current;
    }
  }

  private async evaluateClaimed(
    entity: Entity,
    entityRef: string,
    previous: StoredChecklist | undefined,
  ): Promise<StoredChecklist> {
    const { store, logger, claimTimeout, historyLimit } = this.options;
    const renewal = setInterval(() => {
      store.renew([entityRef], this.claim()).catch(error => {
        logger.warn(
          `Could not renew the claim on ${entityRef}: ${stringifyError(error)}`,
        );
      });
    }, claimTimeout / 3);
    try {
      const record = await this.options.evaluate(entity, previous);
      if (await store.complete(record, this.owner, historyLimit)) return record;
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

  /** Evaluates one claimed queue entry; false when there was nothing to evaluate. */
  private async evaluateQueued(
    ref: string,
    entity: Entity | undefined,
  ): Promise<boolean> {
    const { store } = this.options;
    // Gone from the catalog, no longer enabled, or a request here is already waiting to
    // evaluate it: nothing for the queue to do.
    if (!entity || this.running.has(ref)) {
      await store.release(ref, this.owner);
      return false;
    }
    await this.once(ref, async () =>
      this.evaluateClaimed(entity, ref, await store.get(ref)),
    );
    return true;
  }

  private async drain(signal?: AbortSignal): Promise<number> {
    const { store, concurrency, loadEntities, claimTimeout, logger } =
      this.options;
    let evaluations = 0;
    while (!signal?.aborted) {
      // A batch of several rounds: one claim query and one catalog request per batch,
      // and a lane that finishes early takes the next entry instead of waiting for the
      // slowest repository of its round.
      const refs = await store.claimQueued(
        this.claim(),
        concurrency * ROUNDS_PER_BATCH,
        Date.now(),
      );
      if (!refs.length) break;
      const waiting = new Set(refs);
      // Entries still waiting keep their claims (a running one renews its own).
      const renewal = setInterval(() => {
        if (!waiting.size) return;
        store.renew([...waiting], this.claim()).catch(error => {
          logger.warn(
            `Could not renew the queue's claims: ${stringifyError(error)}`,
          );
        });
      }, claimTimeout / 3);
      try {
        const entities = await loadEntities(refs);
        const lane = pLimit(concurrency);
        const ran = await Promise.all(
          refs.map(ref =>
            lane(async () => {
              waiting.delete(ref);
              if (signal?.aborted) {
                // Stopping: hand the entry back at once rather than at claim expiry.
                await store.release(ref, this.owner);
                return false;
              }
              return this.evaluateQueued(ref, entities.get(ref));
            }),
          ),
        );
        evaluations += ran.filter(Boolean).length;
      } finally {
        clearInterval(renewal);
      }
    }
    return evaluations;
  }
}
