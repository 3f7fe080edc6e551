import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { CHECKLIST_ENABLED_FILTER } from '@fastapi-golden-path/plugin-fastapi-checklist-common';

/** Of `entityRefs`, those the caller may read the checklist of. */
export type ReadableEntities = (entityRefs: string[]) => Promise<Set<string>>;

/** What the org-wide views show of every service: its ref, title, owner and annotations. */
const FLEET_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.title',
  'metadata.annotations',
  'spec.owner',
];

export type ChecklistEntities = { entities: Entity[]; refs: string[] };

/**
 * Every checklist-enabled entity the catalog shows the caller, with its ref at the same
 * index; `extraFields` beside the fleet's own, in `order` when given.
 */
export async function listChecklistEntities(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  options: {
    extraFields?: string[];
    order?: { field: string; order: 'asc' | 'desc' };
  } = {},
): Promise<ChecklistEntities> {
  const { items } = await catalog.getEntities(
    {
      filter: { ...CHECKLIST_ENABLED_FILTER },
      fields: [...FLEET_FIELDS, ...(options.extraFields ?? [])],
      ...(options.order && { order: options.order }),
    },
    { credentials },
  );
  return {
    entities: items,
    refs: items.map(entity => stringifyEntityRef(entity)),
  };
}

/** Of a listing, the entities whose checklist the caller may read, in the same order. */
export async function onlyReadable(
  listing: ChecklistEntities,
  readable: ReadableEntities,
): Promise<ChecklistEntities> {
  const allowed = await readable(listing.refs);
  return {
    entities: listing.entities.filter((_, i) => allowed.has(listing.refs[i])),
    refs: listing.refs.filter(ref => allowed.has(ref)),
  };
}
