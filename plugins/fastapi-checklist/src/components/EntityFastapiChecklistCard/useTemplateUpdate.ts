import type { Entity } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  TEMPLATE_ANNOTATION,
  TEMPLATE_VERSION_ANNOTATION,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import useAsync from 'react-use/esm/useAsync';
import { coerce, gt } from 'semver';

/** True when version `a` is newer than `b`; false when either is not a version (e.g. `unknown`). */
export function isNewerVersion(a: string, b: string): boolean {
  // coerce reads short forms such as 0.2 as 0.2.0, as template authors write them
  const [x, y] = [a, b].map(v => coerce(v, { includePrerelease: true }));
  return !!x && !!y && gt(x, y);
}

/** The template the entity came from, and the template's current version when it is newer. */
export function useTemplateUpdate(entity: Entity): {
  template?: string;
  latest?: string;
} {
  const catalogApi = useApi(catalogApiRef);
  const template = entity.metadata.annotations?.[TEMPLATE_ANNOTATION];
  const [name, version] = template?.split('@') ?? [];
  const { value } = useAsync(async () => {
    if (!name) return undefined;
    const current = await catalogApi.getEntityByRef({
      kind: 'Template',
      namespace: 'default',
      name,
    });
    return current?.metadata.annotations?.[TEMPLATE_VERSION_ANNOTATION];
  }, [name]);
  return {
    template,
    latest:
      value && version && isNewerVersion(value, version) ? value : undefined,
  };
}
