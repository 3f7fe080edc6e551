import { useApi } from '@backstage/core-plugin-api';
import { FLEET_FRESH_LIMIT } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { useCallback, useState } from 'react';
import { fastapiChecklistApiRef } from '../../api';
import { useRefreshingAsync } from '../bulkTasks';

/**
 * Every readable service's golden-path version and upgrade change (GET /upgrades).
 * `value` is the last answer while the next loads or if it fails. `refresh(fresh)` reads
 * it again, the `fresh` services' changes looked up anew rather than taken from the
 * backend's cache (which may still hold "no change" from before a bulk upgrade); at most
 * FLEET_FRESH_LIMIT of them.
 */
export function useFleetUpgrades() {
  const api = useApi(fastapiChecklistApiRef);
  // a new object per refresh, so the same services read twice still reload
  const [fresh, setFresh] = useState<{ refs: string[] }>();
  const state = useRefreshingAsync(
    () => api.getFleetUpgrades(fresh && { fresh: fresh.refs }),
    [api, fresh],
  );
  // beyond the limit a service's change may show up to the cache's minute late
  const refresh = useCallback(
    (refs: string[]) => setFresh({ refs: refs.slice(0, FLEET_FRESH_LIMIT) }),
    [],
  );
  return { ...state, refresh };
}
