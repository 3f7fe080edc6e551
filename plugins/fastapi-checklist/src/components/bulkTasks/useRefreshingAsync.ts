import { DependencyList, useRef } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';

/**
 * `useAsyncRetry`, except that `value` stays the last answer while the next one loads or
 * if it fails, so a card refreshed after a bulk run is never blanked.
 */
export function useRefreshingAsync<T>(
  load: () => Promise<T>,
  deps: DependencyList,
) {
  const state = useAsyncRetry(load, deps);
  const last = useRef(state.value);
  if (state.value) last.current = state.value;
  return { ...state, value: state.value ?? last.current };
}
