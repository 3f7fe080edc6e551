import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { rateLimit } from 'express-rate-limit';
import pLimit from 'p-limit';
import { z } from 'zod';
import type {
  ChecklistPreview,
  ChecklistPreviewRequest,
} from '../preview/checklistPreview';
import type { PublishTargets } from '../targets/publishTargets';

/** What the form's fields ask the backend; every route needs a signed-in user. */
export type FastapiFormRouterOptions = {
  httpAuth: HttpAuthService;
  publishTargets: () => PublishTargets;
  /** undefined when the local target is not configured. */
  localRepositoryExists?: (name: string) => Promise<boolean>;
  previewChecklist: (
    request: ChecklistPreviewRequest,
    credentials: Awaited<ReturnType<HttpAuthService['credentials']>>,
  ) => Promise<ChecklistPreview>;
  /** Previews one user may ask for per minute. */
  previewsPerMinute?: number;
  /** Previews rendered at the same time across all users. */
  previewConcurrency?: number;
};

const previewBody = z.object({
  templateRef: z.string().min(1).max(300),
  values: z.record(z.string(), z.unknown()),
});

/** Mounted at /api/scaffolder/fastapi: the routes behind the Create form's fields. */
export function createFastapiFormRouter(
  options: FastapiFormRouterOptions,
): express.Router {
  const { httpAuth } = options;
  const router = Router();
  const previews = pLimit(options.previewConcurrency ?? 2);
  const previewRateLimit = rateLimit({
    windowMs: 60_000,
    limit: options.previewsPerMinute ?? 30,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // per signed-in user, not per address
    keyGenerator: async req => {
      const credentials = await httpAuth.credentials(req, { allow: ['user'] });
      return credentials.principal.userEntityRef;
    },
    message: {
      error: {
        name: 'TooManyRequests',
        message: 'Too many checklist previews; try again in a minute',
      },
    },
  });

  router.get('/publish-targets', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user'] });
    res.json(options.publishTargets());
  });

  router.get('/local-repositories/:name', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user'] });
    if (!options.localRepositoryExists) {
      throw new InputError('The local publish target is not configured');
    }
    // Only yes or no: the root's location never leaves the backend.
    res.json({
      exists: await options.localRepositoryExists(req.params.name),
    });
  });

  router.post(
    '/checklist-preview',
    express.json({ limit: '64kb' }),
    previewRateLimit,
    async (req, res) => {
      const credentials = await httpAuth.credentials(req, { allow: ['user'] });
      const parsed = previewBody.safeParse(req.body);
      if (!parsed.success) {
        throw new InputError(
          `Invalid checklist preview request: ${parsed.error.issues
            .map(issue => `${issue.path.join('.') || 'body'}: ${issue.message}`)
            .join('; ')}`,
        );
      }
      res.json(
        await previews(() =>
          options.previewChecklist(parsed.data, credentials),
        ),
      );
    },
  );

  return router;
}
