export { BulkProgress } from './BulkProgress';
export { BulkResultCell, BulkResults } from './BulkResultCell';
export { completedKeys } from './completedKeys';
export { useBulkScaffolderTasks } from './useBulkScaffolderTasks';
export type { BulkTaskRequest, BulkTaskResult } from './useBulkScaffolderTasks';
export { useRefreshingAsync } from './useRefreshingAsync';
