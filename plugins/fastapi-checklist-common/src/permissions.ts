import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import { createPermission } from '@backstage/plugin-permission-common';

/*
 * A checklist belongs to its catalog entity, so its permissions are resource
 * permissions on `catalog-entity`: a policy can answer with the catalog's own
 * conditions (e.g. "owners may refresh" with `catalogConditions.isEntityOwner`).
 */

/**
 * Reading an entity's checklist, its history, and its row in the summary.
 *
 * @public
 */
export const fastapiChecklistReadPermission = createPermission({
  name: 'fastapi.checklist.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Re-evaluating an entity's checklist now (the card's Re-check).
 *
 * @public
 */
export const fastapiChecklistRefreshPermission = createPermission({
  name: 'fastapi.checklist.refresh',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Every permission of the checklist, for the backend to register.
 *
 * @public
 */
export const fastapiChecklistPermissions = [
  fastapiChecklistReadPermission,
  fastapiChecklistRefreshPermission,
];
