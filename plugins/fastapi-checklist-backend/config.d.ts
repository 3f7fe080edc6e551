import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /**
   * The live checklists. The checks themselves (`checks`) are declared by
   * @fastapi-golden-path/plugin-fastapi-checklist-node; local repositories are read from
   * `fastapiGoldenPath.local.root` (@fastapi-golden-path/plugin-fastapi-golden-path-node).
   */
  fastapiChecklist?: {
    /** Periodic re-evaluation of every checklist-enabled entity. */
    refresh?: {
      /** When to run; default every 30 minutes with a 10-minute timeout. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** Repositories evaluated at the same time (whole number ≥ 1, default 4). */
      concurrency?: number;
    };
    /** Evaluations kept per entity for trends (whole number ≥ 1, default 50). */
    historyLimit?: number;
  };
}
