import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  FleetUpgradeRow,
  upgradeTemplateName,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { useCallback } from 'react';
import { useBulkScaffolderTasks } from '../bulkTasks';

/**
 * Opens upgrade changes for many services: one scaffolder task of the upgrade template
 * per service (the service picked, the rest of the form at its defaults), at most
 * `concurrency` starting at a time, each service's result kept. Undefined `start` when
 * the app has no scaffolder.
 */
export function useBulkUpgrade(options: { concurrency: number }) {
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
          values: { entity: row.entityRef },
        })),
      ),
    [startTasks],
  );
  return { ...tasks, start: startTasks ? start : undefined };
}
