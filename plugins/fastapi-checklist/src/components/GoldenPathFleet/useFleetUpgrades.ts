import { useApi } from '@backstage/core-plugin-api';
import { useCallback, useState } from 'react';
import { fastapiChecklistApiRef } from '../../api';
import { useRefreshingAsync } from '../bulkTasks';

/**
 * Every readable service's golden-path version and upgrade change (GET /upgrades).
 * `value` is the last answer while the next loads or if it fails. `refresh(fresh)` reads
 * it again, the `fresh` services' changes looked up anew rather than taken from the
 * backend's cache (which may still hold "no change" from before a bulk upgrade).
 */
export function useFleetUpgrades() {
  const api = useApi(fastapiChecklistApiRef);
  // a new object per refresh, so the same services read twice still reload
  const [fresh, setFresh] = useState<{ refs: string[] }>();
  const state = useRefreshingAsync(
    () => api.getFleetUpgrades(fresh && { fresh: fresh.refs }),
    [api, fresh],
  );
  const refresh = useCallback((refs: string[]) => setFresh({ refs }), []);
  return { ...state, refresh };
}
