import type { UrlReaderService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { ScmIntegrations } from '@backstage/integration';
import { fetchContents, parseRepoUrl } from '@backstage/plugin-scaffolder-node';
import {
  CATALOG_INFO_FILE,
  catalogEntities,
  catalogInfoYaml,
  RepositoryLocation,
} from './catalogInfo';
import {
  buildSkeletonContext,
  SkeletonContext,
  TemplateProvenance,
} from './context';
import type { RenderParameters } from './parameters';
import type { RenderLimits } from './renderLimits';
import { RenderedFile, renderSkeletonInTurns } from './renderSkeleton';
import { readSkeletonFiles } from './skeletonFiles';

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
 * Renders a service in memory: fetches the skeleton (relative to the template, like
 * fetch:template), renders it within the limits and adds the generated catalog-info.yaml.
 * fastapi:render writes the result into the workspace; the Review page's checklist
 * preview evaluates it without writing anything.
 */
export async function renderServiceFiles(options: {
  reader: UrlReaderService;
  integrations: ScmIntegrations;
  renderLimits?: RenderLimits;
  params: RenderParameters;
  provenance: TemplateProvenance;
  /** The template's location, which a relative skeleton is resolved against. */
  baseUrl?: string;
  /** An empty directory the skeleton is fetched into. */
  skeletonDir: string;
}): Promise<{ files: RenderedFile[]; context: SkeletonContext }> {
  const { params, reader, integrations } = options;
  const context = buildSkeletonContext(params, options.provenance);
  await fetchContents({
    reader,
    integrations,
    baseUrl: options.baseUrl,
    fetchUrl: params.skeleton,
    outputPath: options.skeletonDir,
  }).catch(error => {
    throw new InputError(
      `Could not fetch the skeleton "${params.skeleton}" (relative to ${
        options.baseUrl ?? 'no template location'
      }): ${error.message}`,
    );
  });
  const files = await renderSkeletonInTurns(
    await readSkeletonFiles(options.skeletonDir, options.renderLimits),
    context,
    options.renderLimits,
  );
  if (files.some(file => file.path === CATALOG_INFO_FILE)) {
    throw new InputError(
      `The skeleton must not contain ${CATALOG_INFO_FILE}: fastapi:render generates it from the parameters`,
    );
  }
  const entities = catalogEntities(
    context,
    repositoryLocation(params.repoUrl, integrations),
  );
  files.push({
    path: CATALOG_INFO_FILE,
    content: Buffer.from(catalogInfoYaml(entities)),
    mode: 0o644,
  });
  return { files, context };
}
