import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { fastapiChecklistApiRef } from '../../api';

/** Every readable service's golden-path version and upgrade change (GET /upgrades). */
export function useFleetUpgrades() {
  const api = useApi(fastapiChecklistApiRef);
  return useAsyncRetry(() => api.getFleetUpgrades(), [api]);
}
