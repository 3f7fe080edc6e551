import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CHECK_IDS } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import express from 'express';
import Router from 'express-promise-router';
import type { ChecklistStore } from './database/ChecklistStore';
import {
  ChecklistService,
  isChecklistEnabled,
  toEntityChecklist,
} from './service/ChecklistService';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { buildSummary, SummaryQuery, summaryToCsv } from './service/summary';

const SORTS = ['name', 'score', 'owner', 'evaluatedAt'];

function optionalString(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length > 200)
    throw new InputError(`${name} must be a single string`);
  return value;
}

/** The plugin's REST API: HTTP only; the service and store do the work. */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  service: ChecklistService;
  store: ChecklistStore;
  catalog: CatalogService;
}): Promise<express.Router> {
  const { httpAuth, service, store, catalog } = options;
  const router = Router();
  router.use(express.json());

  /** Resolves the path's entity with the caller's credentials; 404 when they cannot read it. */
  async function entityOf(req: express.Request) {
    const credentials = await httpAuth.credentials(req);
    const { namespace, kind, name } = req.params;
    const entityRef = stringifyEntityRef({ kind, namespace, name });
    const entity = await service.entityFor(entityRef, credentials);
    if (!entity) throw new NotFoundError(`No entity ${entityRef}`);
    if (!isChecklistEnabled(entity)) {
      throw new NotFoundError(
        `${entityRef} does not enable the checklist (annotation fastapi-golden-path/checklist: enabled)`,
      );
    }
    return entity;
  }

  router.get('/entity/:namespace/:kind/:name', async (req, res) => {
    const entity = await entityOf(req);
    res.json(toEntityChecklist(entity, await service.latest(entity)));
  });

  router.post('/entity/:namespace/:kind/:name/refresh', async (req, res) => {
    const entity = await entityOf(req);
    res.json(toEntityChecklist(entity, await service.evaluate(entity)));
  });

  router.get('/entity/:namespace/:kind/:name/history', async (req, res) => {
    const entity = await entityOf(req);
    res.json(await store.history(stringifyEntityRef(entity)));
  });

  router.get('/summary', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const query: SummaryQuery = {
      owner: optionalString(req.query.owner, 'owner'),
      lifecycle: optionalString(req.query.lifecycle, 'lifecycle'),
      failing: optionalString(req.query.failing, 'failing'),
      sort: optionalString(req.query.sort, 'sort') as SummaryQuery['sort'],
      order: optionalString(req.query.order, 'order') as SummaryQuery['order'],
    };
    if (query.failing && !CHECK_IDS.includes(query.failing)) {
      throw new InputError(
        `failing must be a check id: ${CHECK_IDS.join(', ')}`,
      );
    }
    if (query.sort && !SORTS.includes(query.sort))
      throw new InputError(`sort must be one of ${SORTS.join(', ')}`);
    if (query.order && !['asc', 'desc'].includes(query.order))
      throw new InputError('order must be asc or desc');
    const summary = await buildSummary({ catalog, store, credentials, query });
    if (req.query.format === 'csv') {
      res
        .type('text/csv')
        .attachment('fastapi-checklist.csv')
        .send(summaryToCsv(summary.rows));
      return;
    }
    res.json(summary);
  });

  return router;
}
