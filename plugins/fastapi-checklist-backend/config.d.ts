import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import type { HumanDuration } from '@backstage/types';

export interface Config {
  /**
   * The live checklists. The checks themselves (`checks`) are declared by
   * @fastapi-golden-path/plugin-fastapi-checklist-node; local repositories are read from
   * `fastapiGoldenPath.local.root` (@fastapi-golden-path/plugin-fastapi-golden-path-node).
   */
  fastapiChecklist?: {
    /** Periodic re-evaluation of every checklist-enabled entity. */
    refresh?: {
      /**
       * When to re-evaluate every entity; default every 30 minutes with a 10-minute
       * timeout. Runs once across all replicas (the scheduler's lock); it queues the
       * entities and every replica takes its share of the queue.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** Repositories each replica evaluates at the same time (whole number ≥ 1, default 4). */
      concurrency?: number;
      /**
       * How often the catalog is checked for checklist-enabled entities that were never
       * evaluated, which are then evaluated right away (default 10 seconds).
       */
      newEntitiesInterval?: HumanDuration | string;
      /** How often each replica takes evaluations from the shared queue (default 5 seconds). */
      queueInterval?: HumanDuration | string;
      /**
       * How long a replica's claim on an evaluation lasts; it is renewed while the
       * evaluation runs, so this is how soon another replica takes over the work of one
       * that died (default 1 minute, at least 1 second).
       */
      claimTimeout?: HumanDuration | string;
      /**
       * Shortest time between two evaluations of one entity asked for with
       * POST /entity/…/refresh (the card's Re-check). A request within it gets 429 with
       * Retry-After; checklists say when in refreshAvailableAt (default 10 seconds; 0 turns
       * it off).
       */
      minInterval?: HumanDuration | string;
    };
    /** Evaluations kept per entity for trends (whole number ≥ 1, default 50). */
    historyLimit?: number;
  };
}
