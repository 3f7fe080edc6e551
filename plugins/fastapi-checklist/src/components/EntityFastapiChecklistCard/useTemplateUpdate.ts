import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  InferredAnswers,
  TEMPLATE_ANNOTATION,
  TEMPLATE_VERSION_ANNOTATION,
  upgradeFormValues,
  upgradeTemplateName,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import useAsync from 'react-use/esm/useAsync';
import { coerce, gt } from 'semver';
import { upgradeTemplateRouteRef } from '../../routes';

/** True when version `a` is newer than `b`; false when either is not a version (e.g. `unknown`). */
export function isNewerVersion(a: string, b: string): boolean {
  // coerce reads short forms such as 0.2 as 0.2.0, as template authors write them
  const [x, y] = [a, b].map(v => coerce(v, { includePrerelease: true }));
  return !!x && !!y && gt(x, y);
}

/**
 * The template the entity came from, its version, the template's current version when it
 * is newer, and where the upgrade template is (when the scaffolder's route is bound),
 * its form filled with the answers inferred from the repository when there are some.
 */
export function useTemplateUpdate(
  entity: Entity,
  inferred?: InferredAnswers,
): {
  template?: string;
  version?: string;
  latest?: string;
  upgradeUrl?: string;
} {
  const templateRoute = useRouteRef(upgradeTemplateRouteRef);
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
  const latest =
    value && version && isNewerVersion(value, version) ? value : undefined;
  // The upgrade template opens with the service already picked and, for a service that
  // records no answers, the ones its repository states instead of the form's defaults.
  const upgradeUrl =
    latest && templateRoute
      ? `${templateRoute({
          namespace: 'default',
          templateName: upgradeTemplateName(name),
        })}?${new URLSearchParams({
          formData: JSON.stringify({
            entity: stringifyEntityRef(entity),
            ...upgradeFormValues(inferred),
          }),
        })}`
      : undefined;
  return { template, version, latest, upgradeUrl };
}
