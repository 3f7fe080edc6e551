export { BulkResultCell, BulkResults } from './BulkResultCell';
export { useBulkScaffolderTasks } from './useBulkScaffolderTasks';
export type { BulkTaskRequest, BulkTaskResult } from './useBulkScaffolderTasks';
export { useRefreshingAsync } from './useRefreshingAsync';
