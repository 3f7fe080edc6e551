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

/**
 * A template's page in the scaffolder (bound by default), where the card's "Fix it" opens
 * the Fix readiness checks template with the service and the checks picked.
 */
export const fixTemplateRouteRef = createExternalRouteRef({
  id: 'fix-template',
  params: ['namespace', 'templateName'],
  optional: true,
  defaultTarget: 'scaffolder.selectedTemplate',
});

/**
 * A scaffolder task's page (bound by default), where the fleet's bulk upgrade links each
 * service's task.
 */
export const scaffolderTaskRouteRef = createExternalRouteRef({
  id: 'scaffolder-task',
  params: ['taskId'],
  optional: true,
  defaultTarget: 'scaffolder.ongoingTask',
});
