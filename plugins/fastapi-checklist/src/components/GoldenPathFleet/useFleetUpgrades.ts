import { useApi } from '@backstage/core-plugin-api';
import { fastapiChecklistApiRef } from '../../api';
import { useRefreshingAsync } from '../bulkTasks';

/**
 * Every readable service's golden-path version and upgrade change (GET /upgrades).
 * `value` is the last answer while the next loads or if it fails.
 */
export function useFleetUpgrades() {
  const api = useApi(fastapiChecklistApiRef);
  return useRefreshingAsync(() => api.getFleetUpgrades(), [api]);
}
