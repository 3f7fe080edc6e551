import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  fixTemplateName,
  FleetFixRow,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { useCallback, useState } from 'react';
import { useBulkScaffolderTasks } from '../bulkTasks';

/**
 * Opens fix changes for many services: one task of the Fix readiness checks template
 * per service (the service and the check picked), at most `concurrency` running at a
 * time, each followed to its end: the change it opened, or why it failed. `run` is the
 * check the results are for and the services it was started on. `start` resolves to the
 * results once the run ends (undefined if the card went away first). Undefined `start`
 * when the app has no scaffolder.
 */
export function useBulkFix(options: { concurrency: number }) {
  const tasks = useBulkScaffolderTasks({ ...options, follow: true });
  const [run, setRun] = useState<{ check: string; rows: FleetFixRow[] }>();
  const { start: startTasks } = tasks;
  const start = useCallback(
    async (check: string, rows: FleetFixRow[]) => {
      if (!startTasks) return undefined;
      setRun({ check, rows });
      return startTasks(
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
      );
    },
    [startTasks],
  );
  return { ...tasks, run, start: startTasks ? start : undefined };
}
