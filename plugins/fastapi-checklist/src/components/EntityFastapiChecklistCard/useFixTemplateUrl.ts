import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useRouteRef } from '@backstage/core-plugin-api';
import {
  fixTemplateName,
  TEMPLATE_ANNOTATION,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { fixTemplateRouteRef } from '../../routes';

/**
 * Where "Open the change" goes: the Fix readiness checks template of the service's golden
 * path, with the service and the checks picked. Undefined when the scaffolder's route is
 * not bound or the service names no template.
 */
export function useFixTemplateUrl(
  entity: Entity,
): ((checks: string[]) => string) | undefined {
  const templateRoute = useRouteRef(fixTemplateRouteRef);
  const [name] =
    entity.metadata.annotations?.[TEMPLATE_ANNOTATION]?.split('@') ?? [];
  if (!templateRoute || !name) return undefined;
  return checks =>
    `${templateRoute({
      namespace: 'default',
      templateName: fixTemplateName(name),
    })}?${new URLSearchParams({
      formData: JSON.stringify({ entity: stringifyEntityRef(entity), checks }),
    })}`;
}
