import { catalogApiRef } from '@backstage/plugin-catalog-react';
import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';

/** The template's name rule (fastapi:render's KEBAB_NAME, 2–63 characters). */
export const SERVICE_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export function nameTakenMessage(name: string): string {
  return `The catalog already has a component named "${name}"; choose another name`;
}

/**
 * On Next: refuses a name the catalog already has as a component (the new service's
 * entity would clash). The schema's own pattern reports malformed names, so those are
 * not looked up.
 */
export const validateServiceName: CustomFieldValidator<string> = async (
  value,
  validation,
  context,
) => {
  if (!value || !SERVICE_NAME.test(value) || value.length > 63) return;
  const catalogApi = context.apiHolder.get(catalogApiRef);
  if (!catalogApi) return;
  const existing = await catalogApi.getEntityByRef({
    kind: 'component',
    namespace: 'default',
    name: value,
  });
  if (existing) validation.addError(nameTakenMessage(value));
};
