import { useApi } from '@backstage/core-plugin-api';
import { useRef } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { fastapiChecklistApiRef } from '../../api';

/**
 * Every readable service's golden-path version and upgrade change (GET /upgrades).
 * `value` is the last answer while the next loads or if it fails, so a refresh never
 * blanks the card.
 */
export function useFleetUpgrades() {
  const api = useApi(fastapiChecklistApiRef);
  const state = useAsyncRetry(() => api.getFleetUpgrades(), [api]);
  const last = useRef(state.value);
  if (state.value) last.current = state.value;
  return { ...state, value: state.value ?? last.current };
}
