import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, serializeError } from '@backstage/errors';
import {
  FLEET_FRESH_LIMIT,
  fastapiChecklistReadPermission,
  fastapiChecklistRefreshPermission,
  summaryQuerySchema,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { FIXABLE_CHECKS } from '@fastapi-golden-path/plugin-fastapi-checklist-node';
import type { FixPreviews } from './fix/FixPreviews';
import type { FleetFixes } from './fix/FleetFixes';
import type { ChecklistAccess, ChecklistPermission } from './permissions';
import type { ChecklistService } from './service/ChecklistService';
import { RefreshTooSoonError } from './service/RefreshTooSoonError';
import { summaryToCsv } from './service/summaryCsv';
import type { UpgradeChanges } from './upgrade/UpgradeChanges';

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

/** POST /entity/…/fix-preview's body: the checks to fix (ids; unknown ones are refused). */
const fixPreviewBodySchema = z.object({
  checks: z
    .array(z.string().min(1).max(100), {
      error: 'checks must be a list of check ids',
    })
    .min(1, { error: 'checks must name at least one check' })
    .max(50, { error: 'checks may name at most 50 checks' }),
});

/**
 * GET /upgrades's query: `fresh`, the services whose upgrade change is looked up again
 * instead of taken from the cache (the org page names those its bulk upgrade just ran).
 */
const fleetUpgradesQuerySchema = z.object({
  fresh: z
    .union([z.string(), z.array(z.string())], {
      error: 'fresh must be entity refs',
    })
    .optional()
    .transform(fresh => (fresh === undefined ? [] : [fresh].flat()))
    .pipe(
      z.array(z.string().min(1).max(1000)).max(FLEET_FRESH_LIMIT, {
        error: `fresh may name at most ${FLEET_FRESH_LIMIT} services`,
      }),
    ),
});

/** GET /fixes's query: a check with an automatic fix, or none for the counts alone. */
const fleetFixesQuerySchema = z.object({
  check: z
    .enum(FIXABLE_CHECKS as [string, ...string[]], {
      error: `check must be a check with an automatic fix: ${FIXABLE_CHECKS.join(
        ', ',
      )}`,
    })
    .optional(),
});

/** The plugin's REST API: HTTP only; the service does the work. */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  service: ChecklistService;
  access: ChecklistAccess;
  upgrades: UpgradeChanges;
  fixes: FixPreviews;
  fleetFixes: FleetFixes;
}): Promise<express.Router> {
  const { httpAuth, service, access, upgrades, fixes, fleetFixes } = options;
  const router = Router();
  const read = [fastapiChecklistReadPermission];
  // A re-check answers with the checklist, so it needs read as well.
  const refresh = [
    fastapiChecklistReadPermission,
    fastapiChecklistRefreshPermission,
  ];

  /**
   * The path's entity, read with the caller's credentials (404 when they cannot), once
   * the caller holds the route's permissions on it (403 otherwise).
   */
  async function entityOf(
    req: express.Request,
    permissions: ChecklistPermission[],
  ) {
    const { namespace, kind, name } = req.params;
    const entityRef = stringifyEntityRef({ kind, namespace, name });
    const credentials = await httpAuth.credentials(req);
    const entity = await service.enabledEntity(entityRef, credentials);
    await access.assertAllowed(entityRef, permissions, credentials);
    return entity;
  }

  router.get('/entity/:namespace/:kind/:name', async (req, res) => {
    res.json(await service.checklist(await entityOf(req, read)));
  });

  router.post('/entity/:namespace/:kind/:name/refresh', async (req, res) => {
    const entity = await entityOf(req, refresh);
    try {
      res.json(await service.refresh(entity));
    } catch (error) {
      if (!(error instanceof RefreshTooSoonError)) throw error;
      // Backstage's error body, so clients' ResponseError reads the message.
      res
        .status(429)
        .set('Retry-After', String(Math.ceil(error.retryAfterMs / 1000)))
        .json({
          error: serializeError(error),
          request: { method: req.method, url: req.originalUrl },
          response: { statusCode: 429 },
        });
    }
  });

  // What "Fix it" would change. Nothing is written, but it leads to a change and costs
  // analyses: the refresh permission, as Re-check.
  router.post(
    '/entity/:namespace/:kind/:name/fix-preview',
    express.json({ limit: '16kb' }),
    async (req, res) => {
      const entity = await entityOf(req, refresh);
      const parsed = fixPreviewBodySchema.safeParse(req.body);
      if (!parsed.success) {
        throw new InputError(
          parsed.error.issues.map(i => i.message).join('; '),
        );
      }
      res.json(await fixes.preview(entity, parsed.data.checks));
    },
  );

  router.get('/entity/:namespace/:kind/:name/history', async (req, res) => {
    res.json(await service.history(await entityOf(req, read)));
  });

  // The service's golden-path version and its upgrade change (read permission, as the card).
  router.get('/entity/:namespace/:kind/:name/upgrade', async (req, res) => {
    res.json(await upgrades.forEntity(await entityOf(req, read)));
  });

  // The fleet: every readable service's version and upgrade change.
  router.get('/upgrades', async (req, res) => {
    const { fresh } = parseQuery(fleetUpgradesQuerySchema, req.query);
    const credentials = await httpAuth.credentials(req);
    res.json(
      await upgrades.forFleet(
        credentials,
        refs => access.readable(refs, credentials),
        { fresh: new Set(fresh) },
      ),
    );
  });

  // The org page's bulk fixes: who fails or warns each fixable check. A fix opens a
  // change, so only services the caller may re-check (as Fix it) are offered.
  router.get('/fixes', async (req, res) => {
    const { check } = parseQuery(fleetFixesQuerySchema, req.query);
    const credentials = await httpAuth.credentials(req);
    res.json(
      await fleetFixes.forFleet({
        check,
        credentials,
        readable: refs => access.readable(refs, credentials),
        fixable: refs => access.permitted(refs, refresh, credentials),
      }),
    );
  });

  router.get('/summary', async (req, res) => {
    const { format, ...query } = parseQuery(summaryRequestSchema, req.query);
    const credentials = await httpAuth.credentials(req);
    const summary = await service.summary(query, credentials, refs =>
      access.readable(refs, credentials),
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
