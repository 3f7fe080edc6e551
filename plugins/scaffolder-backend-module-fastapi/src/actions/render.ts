import type { UrlReaderService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { ScmIntegrations } from '@backstage/integration';
import {
  createTemplateAction,
  fetchContents,
  parseRepoUrl,
} from '@backstage/plugin-scaffolder-node';
import { TEMPLATE_VERSION_ANNOTATION } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import {
  CATALOG_INFO_FILE,
  catalogEntities,
  catalogInfoYaml,
  RepositoryLocation,
} from '../render/catalogInfo';
import {
  buildSkeletonContext,
  featureSummary,
  TemplateProvenance,
} from '../render/context';
import { parseRenderParameters, renderInputFields } from '../render/parameters';
import type { RenderLimits } from '../render/renderLimits';
import { renderSkeletonInTurns } from '../render/renderSkeleton';
import { readSkeletonFiles } from '../render/skeletonFiles';
import { writeRenderedFiles } from '../render/writeRendered';
import { examples } from './render.examples';

function provenance(templateInfo?: {
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

/** The GitHub project a RepoUrlPicker value points at, for the catalog annotations. */
function repositoryLocation(
  repoUrl: string | undefined,
  integrations: ScmIntegrations,
): RepositoryLocation {
  if (!repoUrl) return {};
  let parsed: ReturnType<typeof parseRepoUrl>;
  try {
    parsed = parseRepoUrl(repoUrl, integrations);
  } catch (error) {
    throw new InputError(
      `Invalid fastapi:render input: repoUrl ${(error as Error).message}`,
    );
  }
  const isGithub = integrations.github.byHost(parsed.host) !== undefined;
  return isGithub && parsed.owner
    ? { githubSlug: `${parsed.owner}/${parsed.repo}` }
    : {};
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
      const context = buildSkeletonContext(
        params,
        provenance(ctx.templateInfo),
      );

      const skeletonDir = `${await ctx.createTemporaryDirectory()}/skeleton`;
      await fetchContents({
        reader,
        integrations,
        baseUrl: ctx.templateInfo?.baseUrl,
        fetchUrl: params.skeleton,
        outputPath: skeletonDir,
      }).catch(error => {
        throw new InputError(
          `Could not fetch the skeleton "${params.skeleton}" (relative to ${
            ctx.templateInfo?.baseUrl ?? 'no template location'
          }): ${error.message}`,
        );
      });
      const rendered = await renderSkeletonInTurns(
        await readSkeletonFiles(skeletonDir),
        context,
        renderLimits,
      );
      if (rendered.some(file => file.path === CATALOG_INFO_FILE)) {
        throw new InputError(
          `The skeleton must not contain ${CATALOG_INFO_FILE}: fastapi:render generates it from the parameters`,
        );
      }
      const entities = catalogEntities(
        context,
        repositoryLocation(params.repoUrl, integrations),
      );
      rendered.push({
        path: CATALOG_INFO_FILE,
        content: Buffer.from(catalogInfoYaml(entities)),
        mode: 0o644,
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
