import { useApi } from '@backstage/core-plugin-api';
import { useRef } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { fastapiChecklistApiRef } from '../../api';

/**
 * The checks with an automatic fix and how many services the caller may fix fail or warn
 * each; with `check`, those services (GET /fixes). `value` is the last answer while the
 * next loads or if it fails, so a refresh never blanks the card.
 */
export function useFleetFixes(check?: string) {
  const api = useApi(fastapiChecklistApiRef);
  const state = useAsyncRetry(() => api.getFleetFixes(check), [api, check]);
  const last = useRef(state.value);
  if (state.value) last.current = state.value;
  return { ...state, value: state.value ?? last.current };
}
