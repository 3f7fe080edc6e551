import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';

/** The checklist backend's own settings under `fastapiChecklist`. */
export type ChecklistBackendConfig = {
  /** When the periodic re-evaluation of every checklist-enabled entity runs. */
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** Repositories evaluated at the same time by each replica. */
  concurrency: number;
  /** How often the catalog is checked for checklist-enabled entities never evaluated (ms). */
  newEntitiesInterval: number;
  /** How often each replica takes queued evaluations (ms). */
  queueInterval: number;
  /** How long a claim on an evaluation lasts unless renewed (ms). */
  claimTimeout: number;
  /** Shortest time between two evaluations of one entity asked for by POST /refresh (ms). */
  minRefreshInterval: number;
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

function milliseconds(
  config: Config,
  key: string,
  fallback: HumanDuration,
  minimum = 0,
) {
  const value = durationToMilliseconds(
    config.has(key) ? readDurationFromConfig(config, { key }) : fallback,
  );
  if (value < minimum) {
    throw new Error(`${key} must be at least ${minimum} ms (got ${value} ms)`);
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
  const refresh = 'fastapiChecklist.refresh';
  const scheduleKey = `${refresh}.schedule`;
  return {
    schedule: config.has(scheduleKey)
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          config.getConfig(scheduleKey),
        )
      : DEFAULT_SCHEDULE,
    concurrency: positiveInteger(config, `${refresh}.concurrency`, 4),
    newEntitiesInterval: milliseconds(
      config,
      `${refresh}.newEntitiesInterval`,
      { seconds: 10 },
      100,
    ),
    queueInterval: milliseconds(
      config,
      `${refresh}.queueInterval`,
      { seconds: 5 },
      100,
    ),
    // Renewed every third of it while an evaluation runs: short enough that a killed
    // replica's work is taken over soon, long enough to survive a busy database.
    claimTimeout: milliseconds(
      config,
      `${refresh}.claimTimeout`,
      { minutes: 1 },
      1000,
    ),
    minRefreshInterval: milliseconds(config, `${refresh}.minInterval`, {
      seconds: 10,
    }),
    historyLimit: positiveInteger(config, 'fastapiChecklist.historyLimit', 50),
  };
}
