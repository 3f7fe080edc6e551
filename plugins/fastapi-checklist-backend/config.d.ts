import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  fastapiChecklist?: {
    /** Periodic re-evaluation of every checklist-enabled entity. */
    refresh?: {
      /** When to run; default every 30 minutes with a 10-minute timeout. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** Repositories evaluated at the same time (default 4). */
      concurrency?: number;
    };
    /** Evaluations kept per entity for trends (default 50). */
    historyLimit?: number;
    /**
     * Directory of the golden path's local repositories; entities whose catalog-info.yaml
     * lives under it are read from disk. Defaults to fastapiGoldenPath.local.root.
     */
    localRoot?: string;
  };
}
