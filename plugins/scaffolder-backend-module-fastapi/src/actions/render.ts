import type { UrlReaderService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import type { ScmIntegrations } from '@backstage/integration';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { TEMPLATE_VERSION_ANNOTATION } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { featureSummary, TemplateProvenance } from '../render/context';
import { parseRenderParameters, renderInputFields } from '../render/parameters';
import type { RenderLimits } from '../render/renderLimits';
import { renderServiceFiles } from '../render/renderService';
import { writeRenderedFiles } from '../render/writeRendered';
import { examples } from './render.examples';

/** The template's name and version, recorded in the generated repository. */
export function provenance(templateInfo?: {
  entityRef: string;
  entity?: { metadata: { annotations?: Record<string, string> } };
}): TemplateProvenance {
  if (!templateInfo) return { name: 'fastapi-service', version: 'unknown' };
  return {
    name: parseEntityRef(templateInfo.entityRef).name,
    version:
      templateInfo.entity?.metadata.annotations?.[
        TEMPLATE_VERSION_ANNOTATION
      ] ?? 'unknown',
  };
}

/**
 * fastapi:render — validates the service parameters and renders the FastAPI skeleton
 * (fetched relative to the template, like fetch:template) into the workspace with
 * nunjitsu, the closed nunjucks interpreter fetch:template uses. User values are data
 * only; the file set follows the skeleton's manifest.
 *
 * @public
 */
export function createFastapiRenderAction(options: {
  reader: UrlReaderService;
  integrations: ScmIntegrations;
  /** Bounds on one render; DEFAULT_RENDER_LIMITS when left out. */
  renderLimits?: RenderLimits;
}) {
  const { reader, integrations, renderLimits } = options;
  return createTemplateAction({
    id: 'fastapi:render',
    description:
      'Renders the FastAPI golden-path skeleton with validated service parameters into the workspace',
    examples,
    supportsDryRun: true,
    schema: {
      input: renderInputFields,
      output: {
        files: z =>
          z.array(z.string(), {
            description: 'Rendered file paths, relative to targetPath',
          }),
        features: z =>
          z.object(
            {
              database: z.string(),
              auth: z.string(),
              resource: z.string(),
              websockets: z.boolean(),
              backgroundTasks: z.boolean(),
              pythonVersion: z.string(),
              workers: z.number(),
              corsOrigins: z.array(z.string()),
            },
            { description: 'The chosen features, for later steps' },
          ),
        targetPath: z =>
          z.string({ description: 'Where the repository was rendered' }),
      },
    },
    async handler(ctx) {
      const params = parseRenderParameters(ctx.input);
      const { files: rendered, context } = await renderServiceFiles({
        reader,
        integrations,
        renderLimits,
        params,
        provenance: provenance(ctx.templateInfo),
        baseUrl: ctx.templateInfo?.baseUrl,
        skeletonDir: `${await ctx.createTemporaryDirectory()}/skeleton`,
      });
      await writeRenderedFiles({
        workspacePath: ctx.workspacePath,
        targetPath: params.targetPath,
        files: rendered,
        replace: params.replace,
      });

      if (context.server.workers !== params.workers) {
        ctx.logger.warn(
          `workers: ${params.workers} ignored: without a database the in-memory store lives in one process, so the service runs ${context.server.workers} worker (choose sqlite or postgresql to scale out)`,
        );
      }
      ctx.logger.info(
        `Rendered ${rendered.length} files for ${params.name} (database ${params.database}, auth ${params.auth})`,
      );
      ctx.output('files', rendered.map(file => file.path).sort());
      ctx.output('features', featureSummary(context));
      ctx.output('targetPath', params.targetPath);
    },
  });
}
