import type { BulkTaskResult } from './useBulkScaffolderTasks';

/** The services whose task completed: those a run opened (or found) a change for. */
export const completedKeys = (results: Record<string, BulkTaskResult>) =>
  Object.keys(results).filter(key => results[key].status === 'completed');
