import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApiHolder } from '@backstage/core-plugin-api';
import { scaffolderApiRef } from '@backstage/plugin-scaffolder-react';
import {
  FleetUpgradeRow,
  upgradeTemplateName,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import pLimit from 'p-limit';
import { useCallback, useState } from 'react';
import { formDefaults } from './formDefaults';

/** Where one service's upgrade task stands in a bulk run. */
export type BulkUpgradeResult =
  | { status: 'queued' }
  | { status: 'starting' }
  | { status: 'started'; taskId: string }
  | { status: 'failed'; error: string };

/**
 * Opens upgrade changes for many services: one scaffolder task of the upgrade template
 * per service (the service picked, the rest of the form at its defaults), at most
 * `concurrency` starting at a time, each service's result kept. Undefined `start` when
 * the app has no scaffolder.
 */
export function useBulkUpgrade(options: { concurrency: number }) {
  const scaffolderApi = useApiHolder().get(scaffolderApiRef);
  const [results, setResults] = useState<Record<string, BulkUpgradeResult>>({});
  const [running, setRunning] = useState(false);
  const { concurrency } = options;

  const start = useCallback(
    async (rows: FleetUpgradeRow[]) => {
      if (!scaffolderApi) return;
      const set = (ref: string, result: BulkUpgradeResult) =>
        setResults(previous => ({ ...previous, [ref]: result }));
      setRunning(true);
      setResults(
        Object.fromEntries(
          rows.map(row => [row.entityRef, { status: 'queued' }]),
        ),
      );
      // one read of each upgrade template's form, shared by its services
      const defaults = new Map<string, Promise<Record<string, unknown>>>();
      const defaultsOf = (templateRef: string) => {
        if (!defaults.has(templateRef)) {
          defaults.set(
            templateRef,
            scaffolderApi
              .getTemplateParameterSchema(templateRef)
              .then(formDefaults),
          );
        }
        return defaults.get(templateRef)!;
      };
      const limit = pLimit(Math.max(1, concurrency));
      await Promise.all(
        rows.map(row =>
          limit(async () => {
            set(row.entityRef, { status: 'starting' });
            try {
              if (!row.template) {
                throw new Error(
                  'The service does not say which template made it',
                );
              }
              const templateRef = stringifyEntityRef({
                kind: 'Template',
                namespace: 'default',
                name: upgradeTemplateName(row.template),
              });
              const { taskId } = await scaffolderApi.scaffold({
                templateRef,
                values: {
                  ...(await defaultsOf(templateRef)),
                  entity: row.entityRef,
                },
              });
              set(row.entityRef, { status: 'started', taskId });
            } catch (error) {
              set(row.entityRef, {
                status: 'failed',
                error: (error as Error).message ?? String(error),
              });
            }
          }),
        ),
      );
      setRunning(false);
    },
    [scaffolderApi, concurrency],
  );

  const finished = Object.values(results).filter(
    r => r.status === 'started' || r.status === 'failed',
  ).length;
  return {
    results,
    running,
    finished,
    total: Object.keys(results).length,
    start: scaffolderApi ? start : undefined,
  };
}
