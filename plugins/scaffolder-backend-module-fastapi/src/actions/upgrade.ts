import type { UrlReaderService } from '@backstage/backend-plugin-api';
import type { ScmIntegrations } from '@backstage/integration';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { RenderLimits } from '../render/renderLimits';
import { provenance } from './render';
import { upgradeService } from '../upgrade/upgradeService';
import { workspaceDirectory } from './localCheckout';
import { examples } from './upgrade.examples';

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
        conflicts: z =>
          z.array(
            z.object({ path: z.string(), kind: z.string() }),
            { description: 'Files the owners must resolve' },
          ),
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
      ctx.logger.info(
        `Upgrade ${result.fromVersion} → ${result.toVersion}: ${result.added.length} added, ${result.changed.length} changed, ${result.removed.length} removed, ${result.conflicts.length} conflicts`,
      );
      for (const conflict of result.conflicts) {
        ctx.logger.warn(`Conflict (${conflict.kind}): ${conflict.path}`);
      }
      ctx.output('fromVersion', result.fromVersion);
      ctx.output('toVersion', result.toVersion);
      ctx.output('added', result.added);
      ctx.output('changed', result.changed);
      ctx.output('removed', result.removed);
      ctx.output('conflicts', result.conflicts);
    },
  });
}
