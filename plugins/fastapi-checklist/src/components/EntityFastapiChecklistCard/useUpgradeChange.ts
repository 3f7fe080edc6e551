import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import {
  EntityUpgrade,
  isChecklistEnabled,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import useAsync from 'react-use/esm/useAsync';
import { fastapiChecklistApiRef } from '../../api';

/**
 * The entity's upgrade change as the backend finds it (local branch or pull request),
 * with why it could not be looked up.
 */
export function useUpgradeChange(entity: Entity): {
  upgrade?: EntityUpgrade;
  error?: Error;
} {
  const api = useApi(fastapiChecklistApiRef);
  const ref = getCompoundEntityRef(entity);
  const enabled = isChecklistEnabled(entity);
  const { value, error } = useAsync(
    async () => (enabled ? api.getEntityUpgrade(ref) : undefined),
    [api, ref.kind, ref.namespace, ref.name, enabled],
  );
  return { upgrade: value, error };
}
