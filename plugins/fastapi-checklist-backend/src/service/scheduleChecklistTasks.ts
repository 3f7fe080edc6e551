import type { SchedulerService } from '@backstage/backend-plugin-api';
import type { ChecklistBackendConfig } from '../config';
import type { ChecklistService } from './ChecklistService';

/**
 * The checklist's three tasks. The full refresh and the new-entity sweep are global (the
 * default scope), so one replica at a time runs each; the queue task is local, so every
 * replica takes its share of what they queued.
 */
export async function scheduleChecklistTasks(options: {
  scheduler: SchedulerService;
  service: ChecklistService;
  settings: ChecklistBackendConfig;
}): Promise<void> {
  const { scheduler, service, settings } = options;
  await scheduler.scheduleTask({
    id: 'fastapi-checklist-refresh',
    ...settings.schedule,
    fn: signal => service.refreshAll(signal).then(() => undefined),
  });
  await scheduler.scheduleTask({
    id: 'fastapi-checklist-new-entities',
    frequency: { milliseconds: settings.newEntitiesInterval },
    timeout: settings.schedule.timeout,
    fn: signal => service.evaluateNewEntities(signal).then(() => undefined),
  });
  await scheduler.scheduleTask({
    id: 'fastapi-checklist-queue',
    scope: 'local',
    frequency: { milliseconds: settings.queueInterval },
    timeout: settings.schedule.timeout,
    fn: signal => service.evaluateQueued(signal).then(() => undefined),
  });
}
