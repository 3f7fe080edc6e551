import type { UrlReaderService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import semver from 'semver';
import type { ScmIntegrations } from '@backstage/integration';
import {
  SourceTree,
  treeFromDirectory,
} from '@fastapi-golden-path/plugin-fastapi-checklist-node';
import { parseRenderParameters, RenderParameters } from '../render/parameters';
import type { RenderLimits } from '../render/renderLimits';
import { renderServiceFiles } from '../render/renderService';
import { ANSWERS_FILE, parseAnswers, releaseVersion } from './answers';
import { applyMerge } from './applyMerge';
import { asPublishedLocally, localPublication } from './localCatalogInfo';
import { FileSet, MergedFiles, mergeServiceFiles } from './mergeFiles';

export type UpgradeRequest = {
  reader: UrlReaderService;
  integrations: ScmIntegrations;
  renderLimits?: RenderLimits;
  /** The service's checkout. */
  serviceDir: string;
  /** Released versions, `<releases>/<version>/skeleton`, relative to the template. */
  releases: string;
  /** The version to upgrade to and its skeleton (relative to the template). */
  to: { version: string; skeleton: string };
  /** The running template's location, which relative skeletons resolve against. */
  baseUrl?: string;
  /** Answers for a service whose repository does not record them. */
  answers?: { template: string; version: string; values: Record<string, unknown> };
  createTemporaryDirectory: () => Promise<string>;
};

export type UpgradeResult = MergedFiles & {
  fromVersion: string;
  toVersion: string;
  /** The service already records the version to upgrade to: nothing was rendered or written. */
  upToDate: boolean;
};

/**
 * The answers as fastapi:render takes them for a version, or an error naming each answer
 * that version does not accept and why (fastapi:render's own rules, render/parameters.ts).
 */
function renderParameters(
  values: Record<string, unknown>,
  skeleton: string,
  version: string,
): RenderParameters {
  try {
    return parseRenderParameters({ ...values, skeleton });
  } catch (error) {
    throw new InputError(
      `Version ${version} does not accept the service's recorded answers, so nothing was changed: ${(
        error as Error
      ).message.replace(/^Invalid fastapi:render input: /, '')}`,
    );
  }
}

async function render(
  request: UpgradeRequest,
  params: RenderParameters,
  provenance: { name: string; version: string },
): Promise<FileSet> {
  const { files } = await renderServiceFiles({
    reader: request.reader,
    integrations: request.integrations,
    renderLimits: request.renderLimits,
    params,
    provenance,
    baseUrl: request.baseUrl,
    skeletonDir: `${await request.createTemporaryDirectory()}/skeleton`,
  });
  return new Map(files.map(file => [file.path, file.content]));
}

function recordedAnswers(request: UpgradeRequest, tree: SourceTree) {
  const content = tree.files.get(ANSWERS_FILE);
  if (content) return parseAnswers(content);
  if (request.answers) {
    return {
      ...request.answers,
      version: releaseVersion(request.answers.version, 'answers.version'),
    };
  }
  throw new InputError(
    `The service has no ${ANSWERS_FILE} (it was created before answers were recorded): give the answers it was created with as the action's "answers" input`,
  );
}

/**
 * Upgrades a service checkout to a template version, as `copier update` does: the
 * version it was made from and the new one are rendered with its recorded answers, and
 * what changed between them is merged into the service (conflicts marked in the files).
 */
export async function upgradeService(
  request: UpgradeRequest,
): Promise<UpgradeResult> {
  const toVersion = releaseVersion(request.to.version, 'to.version');
  const tree = await treeFromDirectory(request.serviceDir);
  const answers = recordedAnswers(request, tree);
  if (answers.version === toVersion) {
    return {
      write: new Map(),
      remove: [],
      added: [],
      changed: [],
      removed: [],
      conflicts: [],
      fromVersion: answers.version,
      toVersion,
      upToDate: true,
    };
  }
  if (semver.gt(answers.version, toVersion)) {
    throw new InputError(
      `The service records version ${answers.version}, newer than ${toVersion}: an upgrade never goes back`,
    );
  }
  const provenance = (version: string) => ({ name: answers.template, version });
  // The new version's rules first: an answer it no longer accepts is what owners must fix.
  const nextParams = renderParameters(
    answers.values,
    request.to.skeleton,
    toVersion,
  );
  const baseParams = renderParameters(
    answers.values,
    `${request.releases.replace(/\/+$/, '')}/${answers.version}/skeleton`,
    answers.version,
  );
  let base = await render(request, baseParams, provenance(answers.version));
  let next = await render(request, nextParams, provenance(toVersion));
  // A local repository's catalog-info.yaml was rewritten when it was published: compare
  // with the renders prepared the same way, or every upgrade conflicts there.
  const published = localPublication(
    tree.files.get('catalog-info.yaml')?.toString('utf8'),
  );
  if (published) {
    base = asPublishedLocally(base, published);
    next = asPublishedLocally(next, published);
  }
  const tooLarge = tree.skipped.filter(
    file => base.has(file.path) || next.has(file.path),
  );
  if (tooLarge.length) {
    throw new InputError(
      `Cannot merge ${tooLarge
        .map(file => `${file.path} (${file.message})`)
        .join(', ')}`,
    );
  }
  const merged = mergeServiceFiles({
    base,
    current: tree.files,
    next,
    labels: {
      current: 'service',
      next: `${answers.template} ${toVersion}`,
    },
    generated: new Set([ANSWERS_FILE]),
  });
  await applyMerge(request.serviceDir, merged);
  return { ...merged, fromVersion: answers.version, toVersion, upToDate: false };
}
