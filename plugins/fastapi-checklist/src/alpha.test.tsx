import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { CHECKLIST_ANNOTATION } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import plugin from './alpha';

const entity = (annotations: Record<string, string> = {}) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'orders', annotations },
  spec: {},
});

describe('new frontend system plugin', () => {
  it('mounts the org page at /fastapi-checklist with the title and icon a nav entry needs', () => {
    const page = createExtensionTester(
      plugin.getExtension('page:fastapi-checklist'),
    );

    expect(page.get(coreExtensionData.routePath)).toBe('/fastapi-checklist');
    expect(page.get(coreExtensionData.title)).toBe('Readiness');
    expect(page.get(coreExtensionData.icon)).toBeTruthy();
  });

  it('shows the card only on entities that enable the checklist', () => {
    const card = createExtensionTester(
      plugin.getExtension('entity-card:fastapi-checklist/checklist'),
    );
    const filter = card.get(EntityCardBlueprint.dataRefs.filterFunction);
    expect(filter).toBeInstanceOf(Function);
    const applies = filter!;

    expect(applies(entity({ [CHECKLIST_ANNOTATION]: 'enabled' }))).toBe(true);
    expect(applies(entity({ [CHECKLIST_ANNOTATION]: 'disabled' }))).toBe(false);
    expect(applies(entity())).toBe(false);
  });

  it('is a content card, the overview’s main column beside About', () => {
    const card = createExtensionTester(
      plugin.getExtension('entity-card:fastapi-checklist/checklist'),
    );
    expect(card.get(EntityCardBlueprint.dataRefs.type)).toBe('content');
  });
});
