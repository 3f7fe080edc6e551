import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import type { FixPreview } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import useAsync from 'react-use/esm/useAsync';
import { fastapiChecklistApiRef } from '../../api';

/** The backend's preview of the fixes of `checks` (none asked while `checks` is empty). */
export function useFixPreview(
  entity: Entity,
  checks: string[],
): { preview?: FixPreview; loading: boolean; error?: Error } {
  const api = useApi(fastapiChecklistApiRef);
  const { namespace, kind, name } = getCompoundEntityRef(entity);
  const key = checks.join(',');
  const { value, loading, error } = useAsync(
    async () =>
      checks.length
        ? api.previewFix({ namespace, kind, name }, checks)
        : undefined,
    // the checks by value: a new array of the same checks asks nothing again
    [api, namespace, kind, name, key],
  );
  return { preview: value, loading, error };
}
