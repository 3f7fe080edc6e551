import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  fixTemplateName,
  FleetFixRow,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { useCallback } from 'react';
import { useBulkScaffolderTasks } from '../bulkTasks';

/**
 * Opens fix changes for many services: one task of the Fix readiness checks template
 * per service (the service and the check picked), at most `concurrency` running at a
 * time, each followed to its end: the change it opened, or why it failed. Undefined
 * `start` when the app has no scaffolder.
 */
export function useBulkFix(options: { concurrency: number }) {
  const tasks = useBulkScaffolderTasks({ ...options, follow: true });
  const { start: startTasks } = tasks;
  const start = useCallback(
    (check: string, rows: FleetFixRow[]) =>
      startTasks?.(
        rows.map(row => ({
          key: row.entityRef,
          templateRef:
            row.template &&
            stringifyEntityRef({
              kind: 'Template',
              namespace: 'default',
              name: fixTemplateName(row.template),
            }),
          values: { entity: row.entityRef, checks: [check] },
        })),
      ),
    [startTasks],
  );
  return { ...tasks, start: startTasks ? start : undefined };
}
