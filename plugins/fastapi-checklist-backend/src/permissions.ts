import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { fastapiChecklistReadPermission } from '@fastapi-golden-path/plugin-fastapi-checklist-common';

/** A checklist permission: a resource permission on the checklist's catalog entity. */
export type ChecklistPermission = ResourcePermission<'catalog-entity'>;

/**
 * The checklist's permission decisions, asked of the permission framework with the
 * caller's credentials. The entity's ref is the resource, so a policy's catalog
 * conditions (e.g. `isEntityOwner`) are applied to that entity.
 */
export class ChecklistAccess {
  constructor(private readonly permissions: PermissionsService) {}

  /** Throws NotAllowedError (403) unless the caller holds every permission on the entity. */
  async assertAllowed(
    entityRef: string,
    permissions: ChecklistPermission[],
    credentials: BackstageCredentials,
  ): Promise<void> {
    const decisions = await this.permissions.authorize(
      permissions.map(permission => ({ permission, resourceRef: entityRef })),
      { credentials },
    );
    const denied = permissions.filter(
      (_, index) => decisions[index].result !== AuthorizeResult.ALLOW,
    );
    if (denied.length) {
      throw new NotAllowedError(
        `Permission ${denied
          .map(p => p.name)
          .join(', ')} on ${entityRef} is denied`,
      );
    }
  }

  /** The entities among `entityRefs` whose checklist the caller may read. */
  async readable(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    return this.permitted(
      entityRefs,
      [fastapiChecklistReadPermission],
      credentials,
    );
  }

  /** The entities among `entityRefs` on which the caller holds every one of `permissions`. */
  async permitted(
    entityRefs: string[],
    permissions: ChecklistPermission[],
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    if (!entityRefs.length) return new Set();
    // One decision per permission without a resource first: a policy that allows or
    // denies outright (the common case) then costs one small request, not one item per
    // entity.
    const overall = await this.permissions.authorizeConditional(
      permissions.map(permission => ({ permission })),
      { credentials },
    );
    if (overall.some(d => d.result === AuthorizeResult.DENY)) return new Set();
    if (overall.every(d => d.result === AuthorizeResult.ALLOW))
      return new Set(entityRefs);
    // Conditional: the permission framework applies the conditions to every entity, in one batch.
    const decisions = await this.permissions.authorize(
      entityRefs.flatMap(resourceRef =>
        permissions.map(permission => ({ permission, resourceRef })),
      ),
      { credentials },
    );
    return new Set(
      entityRefs.filter((_, index) =>
        permissions.every(
          (__, p) =>
            decisions[index * permissions.length + p].result ===
            AuthorizeResult.ALLOW,
        ),
      ),
    );
  }
}
