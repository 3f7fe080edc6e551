/**
 * The annotation that turns the checklist on for an entity (value `enabled`).
 *
 * @public
 */
export const CHECKLIST_ANNOTATION = 'fastapi-golden-path/checklist';
/**
 * The value of {@link CHECKLIST_ANNOTATION} that turns the checklist on.
 *
 * @public
 */
export const CHECKLIST_ENABLED = 'enabled';
/**
 * Which golden-path template (name@version) generated the repository.
 *
 * @public
 */
export const TEMPLATE_ANNOTATION = 'fastapi-golden-path/template';
/**
 * On a Template entity: its golden-path version (semver), copied into TEMPLATE_ANNOTATION.
 *
 * @public
 */
export const TEMPLATE_VERSION_ANNOTATION = 'fastapi-golden-path/version';

/**
 * Catalog filter for the entities that enable the checklist.
 *
 * @public
 */
export const CHECKLIST_ENABLED_FILTER: Readonly<Record<string, string>> = {
  [`metadata.annotations.${CHECKLIST_ANNOTATION}`]: CHECKLIST_ENABLED,
};

/**
 * True when the entity asked for the checklist.
 *
 * @public
 */
export function isChecklistEnabled(entity: {
  metadata: { annotations?: Record<string, string> };
}): boolean {
  return (
    entity.metadata.annotations?.[CHECKLIST_ANNOTATION] === CHECKLIST_ENABLED
  );
}

/**
 * The name of the template that upgrades services made from `templateName` (it lives
 * beside it: `fastapi-service` → `fastapi-service-upgrade`).
 *
 * @public
 */
export function upgradeTemplateName(templateName: string): string {
  return `${templateName}-upgrade`;
}

/**
 * The name of the template that fixes failing checks of services made from
 * `templateName` (beside it: `fastapi-service` → `fastapi-service-fix`).
 *
 * @public
 */
export function fixTemplateName(templateName: string): string {
  return `${templateName}-fix`;
}
