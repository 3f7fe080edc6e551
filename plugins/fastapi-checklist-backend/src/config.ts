import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';

/** The checklist backend's own settings under `fastapiChecklist`. */
export type ChecklistBackendConfig = {
  /** When the periodic re-evaluation of every checklist-enabled entity runs. */
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** Repositories evaluated at the same time by the refresh. */
  concurrency: number;
  /** Evaluations kept per entity for trends. */
  historyLimit: number;
};

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 10 },
  initialDelay: { seconds: 30 },
};

function positiveInteger(config: Config, key: string, fallback: number) {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(
      `${key} must be a whole number of at least 1 (got ${value})`,
    );
  }
  return value;
}

/**
 * Reads `fastapiChecklist.refresh` and `fastapiChecklist.historyLimit` (the checks are
 * the analyzer's, read by `readChecklistOptions`). Invalid values throw, naming the key.
 */
export function readChecklistBackendConfig(
  config: Config,
): ChecklistBackendConfig {
  const scheduleKey = 'fastapiChecklist.refresh.schedule';
  return {
    schedule: config.has(scheduleKey)
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          config.getConfig(scheduleKey),
        )
      : DEFAULT_SCHEDULE,
    concurrency: positiveInteger(
      config,
      'fastapiChecklist.refresh.concurrency',
      4,
    ),
    historyLimit: positiveInteger(config, 'fastapiChecklist.historyLimit', 50),
  };
}
