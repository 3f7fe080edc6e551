import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { fastapiChecklistApiRef } from '../../api';

/**
 * The checks with an automatic fix and how many services the caller may fix fail or warn
 * each; with `check`, those services (GET /fixes).
 */
export function useFleetFixes(check?: string) {
  const api = useApi(fastapiChecklistApiRef);
  return useAsyncRetry(() => api.getFleetFixes(check), [api, check]);
}
