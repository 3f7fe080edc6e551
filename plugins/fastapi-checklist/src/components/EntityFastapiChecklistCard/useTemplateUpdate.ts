import type { Entity } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { TEMPLATE_ANNOTATION } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import useAsync from 'react-use/esm/useAsync';

const VERSION_ANNOTATION = 'fastapi-golden-path/version';

function newer(a: string, b: string): boolean {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const [x, y] = [pa[i] ?? 0, pb[i] ?? 0];
    if (x !== y) return x > y;
  }
  return false;
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
    return current?.metadata.annotations?.[VERSION_ANNOTATION];
  }, [name]);
  return {
    template,
    latest: value && version && newer(value, version) ? value : undefined,
  };
}
