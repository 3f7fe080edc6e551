import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { summaryQuerySchema } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { ChecklistService } from './service/ChecklistService';
import { summaryToCsv } from './service/summaryCsv';

/** GET /summary's query: the shared filters plus the representation. */
const summaryRequestSchema = summaryQuerySchema.extend({
  format: z
    .enum(['json', 'csv'], { error: 'format must be json or csv' })
    .optional(),
});

/** Parses a query string, turning each problem into a 400 that names the parameter. */
function parseQuery<T extends z.ZodType>(
  schema: T,
  query: express.Request['query'],
): z.infer<T> {
  const parsed = schema.safeParse(query);
  if (!parsed.success) {
    throw new InputError(parsed.error.issues.map(i => i.message).join('; '));
  }
  return parsed.data;
}

/** The plugin's REST API: HTTP only; the service does the work. */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  service: ChecklistService;
}): Promise<express.Router> {
  const { httpAuth, service } = options;
  const router = Router();

  /** The path's entity, read with the caller's credentials (404 when they cannot). */
  async function entityOf(req: express.Request) {
    const { namespace, kind, name } = req.params;
    return service.enabledEntity(
      stringifyEntityRef({ kind, namespace, name }),
      await httpAuth.credentials(req),
    );
  }

  router.get('/entity/:namespace/:kind/:name', async (req, res) => {
    res.json(await service.checklist(await entityOf(req)));
  });

  router.post('/entity/:namespace/:kind/:name/refresh', async (req, res) => {
    res.json(await service.refresh(await entityOf(req)));
  });

  router.get('/entity/:namespace/:kind/:name/history', async (req, res) => {
    res.json(await service.history(await entityOf(req)));
  });

  router.get('/summary', async (req, res) => {
    const { format, ...query } = parseQuery(summaryRequestSchema, req.query);
    const summary = await service.summary(
      query,
      await httpAuth.credentials(req),
    );
    if (format === 'csv') {
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
