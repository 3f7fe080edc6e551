import { useApiHolder } from '@backstage/core-plugin-api';
import {
  defaultEntityPresentation,
  entityPresentationApiRef,
  entityPresentationSnapshot,
} from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';

/**
 * Titles of entity refs as the catalog presents them ("Team A" for
 * group:default/team-a), the same names EntityRefLink shows in the table; the ref's
 * short form until the presentation API answers.
 */
export function useEntityTitles(
  refs: string[],
  defaultKind: string,
): (ref: string) => string {
  const api = useApiHolder().get(entityPresentationApiRef);
  const key = [...new Set(refs)].sort().join('\n');
  const { value } = useAsync(async () => {
    const unique = key ? key.split('\n') : [];
    const entries = await Promise.all(
      unique.map(async ref => {
        const presentation = api
          ? await api.forEntity(ref, { defaultKind }).promise
          : defaultEntityPresentation(ref, { defaultKind });
        return [ref, presentation.primaryTitle] as const;
      }),
    );
    return Object.fromEntries(entries);
  }, [api, key, defaultKind]);
  return ref =>
    value?.[ref] ??
    entityPresentationSnapshot(ref, { defaultKind }, api).primaryTitle;
}
