import type { UrlReaderService } from '@backstage/backend-plugin-api';
import type { ScmIntegrations } from '@backstage/integration';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { RenderLimits } from '../render/renderLimits';
import { provenance } from './render';
import { formatUpgradeRecord } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import type { MergeConflict } from '../upgrade/mergeFiles';
import { upgradeService } from '../upgrade/upgradeService';
import { workspaceDirectory } from './localCheckout';
import { examples } from './upgrade.examples';

const CONFLICT_KINDS: Record<MergeConflict['kind'], string> = {
  content: 'both changed the same lines',
  binary: 'both changed this binary file; the service’s is kept',
  'added-both': 'the new version adds a file the service already has; the service’s is kept',
  'modified-deleted': 'the new version removes a file the service changed; it is kept',
  'deleted-modified': 'the new version changes a file the service deleted; it stays deleted',
};

/** "Dockerfile lines 3–7, 20–26 (both changed the same lines)": for the task's log. */
export function describeConflict(conflict: MergeConflict): string {
  const where = conflict.lines.length
    ? ` lines ${conflict.lines.map(({ start, end }) => `${start}–${end}`).join(', ')}`
    : '';
  return `${conflict.path}${where} (${CONFLICT_KINDS[conflict.kind]})`;
}

/**
 * fastapi:upgrade — merges a newer template version into a service checkout, as
 * `copier update` does: the version the service was made from and the new one are
 * rendered with the service's recorded answers (`.golden-path/answers.yaml`), and the
 * template's changes between them are applied to the service with a three-way merge.
 * The service's own changes are kept; overlapping ones are marked as git marks conflicts
 * and listed. A dry-run shows the same lists.
 *
 * @public
 */
export function createFastapiUpgradeAction(options: {
  reader: UrlReaderService;
  integrations: ScmIntegrations;
  renderLimits?: RenderLimits;
}) {
  return createTemplateAction({
    id: 'fastapi:upgrade',
    description:
      'Merges a newer FastAPI golden-path template version into a service checkout (three-way, conflicts marked)',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        path: z =>
          z
            .string({ description: 'The service checkout, inside the workspace' })
            .default('./'),
        releases: z =>
          z.string({
            description:
              'Released template versions, <releases>/<version>/skeleton, relative to this template',
          }),
        to: z =>
          z.object(
            {
              version: z
                .string({
                  description:
                    "e.g. 0.2.0; by default the running template's fastapi-golden-path/version",
                })
                .optional(),
              skeleton: z.string({
                description: 'Its skeleton, relative to this template',
              }),
            },
            { description: 'The template version to upgrade to' },
          ),
        answers: z =>
          z
            .object(
              {
                template: z.string(),
                version: z.string(),
                values: z.record(z.string(), z.unknown()),
              },
              {
                description:
                  'How the service was generated, for a repository without .golden-path/answers.yaml',
              },
            )
            .optional(),
      },
      output: {
        fromVersion: z => z.string(),
        toVersion: z => z.string(),
        added: z => z.array(z.string()),
        changed: z => z.array(z.string()),
        removed: z => z.array(z.string()),
        upToDate: z =>
          z.boolean({
            description:
              'The service already records the version to upgrade to: nothing changed, later steps should be skipped',
          }),
        conflicts: z =>
          z.array(
            z.object({
              path: z.string(),
              kind: z.string(),
              lines: z.array(z.object({ start: z.number(), end: z.number() }), {
                description:
                  "Where each conflict's markers are, 1-based (<<<<<<< to >>>>>>>); empty for a whole-file conflict",
              }),
            }),
            { description: 'Files the owners must resolve' },
          ),
        summary: z =>
          z.string({ description: 'One line saying what the upgrade did' }),
        conflictList: z =>
          z.string({
            description:
              "The conflicts as a Markdown list, one line each with its file and lines ('' when none)",
          }),
        record: z =>
          z.string({
            description:
              "Trailer lines for the change's commit message or description (formatUpgradeRecord of -common: versions and conflicts)",
          }),
      },
    },
    async handler(ctx) {
      const result = await upgradeService({
        ...options,
        serviceDir: workspaceDirectory(ctx.workspacePath, ctx.input.path),
        releases: ctx.input.releases,
        to: {
          skeleton: ctx.input.to.skeleton,
          version: ctx.input.to.version ?? provenance(ctx.templateInfo).version,
        },
        answers: ctx.input.answers,
        baseUrl: ctx.templateInfo?.baseUrl,
        createTemporaryDirectory: () => ctx.createTemporaryDirectory(),
      });
      const summary = result.upToDate
        ? `The service is already on the FastAPI golden path ${result.toVersion}: nothing to upgrade, no change made`
        : `Upgrade ${result.fromVersion} → ${result.toVersion}: ${result.added.length} added, ${result.changed.length} changed, ${result.removed.length} removed, ${result.conflicts.length} conflicts`;
      ctx.logger.info(summary);
      for (const conflict of result.conflicts) {
        ctx.logger.warn(`Conflict: ${describeConflict(conflict)}`);
      }
      ctx.output('upToDate', result.upToDate);
      ctx.output(
        'conflictList',
        result.conflicts
          .map(conflict => `- Conflict: ${describeConflict(conflict)}\n`)
          .join(''),
      );
      ctx.output('summary', summary);
      ctx.output(
        'record',
        formatUpgradeRecord({
          fromVersion: result.fromVersion,
          toVersion: result.toVersion,
          conflicts: result.conflicts,
        }),
      );
      ctx.output('fromVersion', result.fromVersion);
      ctx.output('toVersion', result.toVersion);
      ctx.output('added', result.added);
      ctx.output('changed', result.changed);
      ctx.output('removed', result.removed);
      ctx.output('conflicts', result.conflicts);
    },
  });
}
