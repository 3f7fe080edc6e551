import { useApi } from '@backstage/core-plugin-api';
import { fastapiChecklistApiRef } from '../../api';
import { useRefreshingAsync } from '../bulkTasks';

/**
 * The checks with an automatic fix and how many services the caller may fix fail or warn
 * each; with `check`, those services (GET /fixes). `value` is the last answer while the
 * next loads or if it fails.
 */
export function useFleetFixes(check?: string) {
  const api = useApi(fastapiChecklistApiRef);
  return useRefreshingAsync(() => api.getFleetFixes(check), [api, check]);
}
