import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import type { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  fastapiChecklistReadPermission,
  fastapiChecklistRefreshPermission,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { GoldenPathPermissionPolicy } from './GoldenPathPermissionPolicy';

const appConfig = parse(
  fs.readFileSync(
    path.resolve(__dirname, '../../../../app-config.yaml'),
    'utf8',
  ),
);
/** The guest's ownership claims, as app-config.yaml gives them to the guest provider. */
const guestClaims: string[] =
  appConfig.auth.providers.guest.ownershipEntityRefs;

const user = (ownershipEntityRefs: string[]) =>
  ({
    info: { userEntityRef: 'user:development/guest', ownershipEntityRefs },
  } as PolicyQueryUser);

describe('GoldenPathPermissionPolicy', () => {
  const policy = new GoldenPathPermissionPolicy();

  it('allows reading checklists and everything else', async () => {
    for (const permission of [
      fastapiChecklistReadPermission,
      createPermission({ name: 'scaffolder.task.create', attributes: {} }),
    ]) {
      await expect(
        policy.handle({ permission }, user(guestClaims)),
      ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    }
  });

  it("lets only an entity's owners re-check it, by the caller's ownership claims", async () => {
    await expect(
      policy.handle(
        { permission: fastapiChecklistRefreshPermission },
        user(guestClaims),
      ),
    ).resolves.toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: { claims: guestClaims },
      },
    });
    await expect(
      policy.handle({ permission: fastapiChecklistRefreshPermission }),
    ).resolves.toMatchObject({
      conditions: { params: { claims: [] } },
    });
  });

  it("is the portal's policy, and the guest may re-check the services it creates for Team A (the e2e does)", () => {
    expect(appConfig.permission.enabled).toBe(true);
    expect(guestClaims).toEqual([
      'user:development/guest',
      'group:default/team-a',
    ]);
  });
});
