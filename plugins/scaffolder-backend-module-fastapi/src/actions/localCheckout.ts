import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { AnalysisLimits } from '@fastapi-golden-path/plugin-fastapi-checklist-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import fs from 'node:fs';
import {
  LocalRepositoriesOptions,
  repositoryDirectory,
  requireLocalOptions,
} from '../local/localRepositories';
import { checkoutHead } from '../local/repositoryCheckout';
import { examples } from './localCheckout.examples';

const DEFAULT_PATH = './service';

/** A workspace directory, refused when it points outside the workspace. */
export function workspaceDirectory(workspacePath: string, relative: string) {
  try {
    return resolveSafeChildPath(workspacePath, relative);
  } catch {
    throw new InputError(`path "${relative}" is outside the workspace`);
  }
}

/**
 * fastapi:local:checkout — copies a local repository's committed files (HEAD) into the
 * workspace, for a step such as fastapi:upgrade to change them; the repository itself is
 * only read.
 *
 * @public
 */
export function createLocalCheckoutAction(options: {
  local?: LocalRepositoriesOptions;
  limits: Pick<AnalysisLimits, 'maxFiles' | 'maxTotalBytes'>;
}) {
  return createTemplateAction({
    id: 'fastapi:local:checkout',
    description:
      "Copies a local repository's committed files into the workspace (the repository is only read)",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z => z.string({ description: 'Repository (directory) name' }),
        path: z =>
          z
            .string({ description: 'Workspace directory to copy into' })
            .default(DEFAULT_PATH),
      },
      output: {
        commitHash: z => z.string({ description: 'The commit copied (HEAD)' }),
      },
    },
    async handler(ctx) {
      const local = requireLocalOptions(options.local);
      const repository = repositoryDirectory(local, ctx.input.name);
      if (!fs.existsSync(repository)) {
        throw new InputError(
          `There is no local repository named "${ctx.input.name}"`,
        );
      }
      const target = workspaceDirectory(
        ctx.workspacePath,
        ctx.input.path ?? DEFAULT_PATH,
      );
      const commitHash = await checkoutHead({
        repository,
        target,
        limits: options.limits,
      });
      ctx.logger.info(
        `Copied ${ctx.input.name} at commit ${commitHash.slice(0, 7)}`,
      );
      ctx.output('commitHash', commitHash);
    },
  });
}
