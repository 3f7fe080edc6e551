import {
  createExternalRouteRef,
  createRouteRef,
} from '@backstage/core-plugin-api';

export const rootRouteRef = createRouteRef({ id: 'fastapi-checklist' });

/**
 * A template's page in the scaffolder (bound by default), where the card sends owners to
 * upgrade their service.
 */
export const upgradeTemplateRouteRef = createExternalRouteRef({
  id: 'upgrade-template',
  params: ['namespace', 'templateName'],
  optional: true,
  defaultTarget: 'scaffolder.selectedTemplate',
});
