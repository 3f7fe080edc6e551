import {
  coreServices,
  createServiceFactory,
  SchedulerService,
  SchedulerServiceTaskInvocationDefinition,
} from '@backstage/backend-plugin-api';

/**
 * A scheduler for measurements: it records every task instead of timing it, so the
 * bench decides when a refresh runs and how long it takes.
 */
export function capturingScheduler() {
  const tasks = new Map<
    string,
    SchedulerServiceTaskInvocationDefinition['fn']
  >();
  const scheduler: SchedulerService = {
    async scheduleTask(task) {
      tasks.set(task.id, task.fn);
    },
    createScheduledTaskRunner() {
      return {
        async run(task) {
          tasks.set(task.id, task.fn);
        },
      };
    },
    async triggerTask(id) {
      await run(id);
    },
    async cancelTask() {
      // Tasks run only when the bench calls them; there is nothing in flight to cancel.
    },
    async getScheduledTasks() {
      return [...tasks.keys()].map(id => ({
        id,
        scope: 'local' as const,
        settings: { version: 1 },
      }));
    },
  };
  async function run(id: string) {
    const fn = tasks.get(id);
    if (!fn)
      throw new Error(
        `no task ${id}; scheduled: ${[...tasks.keys()].join(', ')}`,
      );
    await fn(new AbortController().signal);
  }
  return {
    factory: createServiceFactory({
      service: coreServices.scheduler,
      deps: {},
      factory: () => scheduler,
    }),
    run,
  };
}
