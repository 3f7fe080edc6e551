import { isResourcePermission } from '@backstage/plugin-permission-common';
import {
  fastapiChecklistPermissions,
  fastapiChecklistReadPermission,
  fastapiChecklistRefreshPermission,
} from './permissions';

describe('checklist permissions', () => {
  it('are catalog-entity resource permissions, so catalog conditions apply to them', () => {
    for (const permission of fastapiChecklistPermissions) {
      expect(isResourcePermission(permission, 'catalog-entity')).toBe(true);
    }
  });

  it('lists each permission once, under the names policies match on', () => {
    expect(fastapiChecklistPermissions.map(p => p.name)).toEqual([
      'fastapi.checklist.read',
      'fastapi.checklist.refresh',
    ]);
    expect(fastapiChecklistReadPermission.attributes.action).toBe('read');
    expect(fastapiChecklistRefreshPermission.attributes.action).toBe('update');
  });
});
