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
 * per service, at most `concurrency` starting at a time, each service's result kept.
 * The form is as the card would open it: the service picked and, for a service whose
 * repository records no answers, the answers the backend read from the repository
 * (the rest at the form's defaults). Undefined `start` when the app has no scaffolder.
 */
export function useBulkUpgrade(options: { concurrency: number }) {
  const checklistApi = useApi(fastapiChecklistApiRef);
  const tasks = useBulkScaffolderTasks(options);
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
