import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import {
  FleetUpgradeRow,
  upgradeFormValues,
  upgradeTemplateName,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { useCallback } from 'react';
import { fastapiChecklistApiRef } from '../../api';
import { useBulkScaffolderTasks } from '../bulkTasks';

/**
 * Opens upgrade changes for many services: one scaffolder task of the upgrade template
 * per service, at most `concurrency` running at a time, each followed to its end: the
 * change it opened, or why it failed. The form is as the card would open it: the service
 * picked and, for a service whose repository records no answers, the answers the backend
 * read from the repository (the rest at the form's defaults). `start` resolves to the
 * results once the run ends (undefined if the card went away first). Undefined `start`
 * when the app has no scaffolder.
 */
export function useBulkUpgrade(options: { concurrency: number }) {
  const checklistApi = useApi(fastapiChecklistApiRef);
  const tasks = useBulkScaffolderTasks({ ...options, follow: true });
  const { start: startTasks } = tasks;
  const start = useCallback(
    (rows: FleetUpgradeRow[]) =>
      startTasks?.(
        rows.map(row => ({
          key: row.entityRef,
          templateRef:
            row.template &&
            stringifyEntityRef({
              kind: 'Template',
              namespace: 'default',
              name: upgradeTemplateName(row.template),
            }),
          values: async () => {
            const upgrade = await checklistApi.getEntityUpgrade(
              parseEntityRef(row.entityRef),
            );
            return {
              ...upgradeFormValues(upgrade.inferredAnswers),
              entity: row.entityRef,
            };
          },
        })),
      ),
    [startTasks, checklistApi],
  );
  return { ...tasks, start: startTasks ? start : undefined };
}
