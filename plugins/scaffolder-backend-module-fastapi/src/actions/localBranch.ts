import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import fs from 'node:fs';
import { branchName, commitToNewBranch } from '../local/branchCommit';
import {
  LocalRepositoriesOptions,
  repositoryDirectory,
  requireLocalOptions,
} from '../local/localRepositories';
import { examples } from './localBranch.examples';
import { workspaceDirectory } from './localCheckout';

const DEFAULT_PATH = './service';

/**
 * fastapi:local:branch — the local target's reviewable change: commits a workspace
 * directory onto a new branch of a local repository (HEAD as parent), leaving the
 * repository's checked-out branch and working tree as they are. A branch that already
 * holds the same change (a second run) is reported, not committed again (output
 * `existing`); any other existing branch is an error that changes nothing. A retried task
 * gets its first attempt's commit.
 *
 * @public
 */
export function createLocalBranchAction(options: {
  local?: LocalRepositoriesOptions;
}) {
  return createTemplateAction({
    id: 'fastapi:local:branch',
    description:
      'Commits a workspace directory onto a new branch of a local repository, for review',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z => z.string({ description: 'Repository (directory) name' }),
        path: z =>
          z
            .string({ description: 'Workspace directory to commit' })
            .default(DEFAULT_PATH),
        branch: z => z.string({ description: 'The new branch' }),
        message: z => z.string({ description: 'Commit message' }),
      },
      output: {
        branch: z => z.string(),
        commitHash: z => z.string(),
        existing: z =>
          z.boolean({
            description:
              'The branch already held this change: nothing new was committed',
          }),
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
      const branch = branchName(ctx.input.branch);
      const source = workspaceDirectory(
        ctx.workspacePath,
        ctx.input.path ?? DEFAULT_PATH,
      );
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would commit to the branch ${branch} of ${ctx.input.name}`,
        );
        ctx.output('branch', branch);
        ctx.output('commitHash', '0'.repeat(40));
        ctx.output('existing', false);
        return;
      }
      const profile = ctx.user?.entity?.spec?.profile;
      const author = {
        name:
          profile?.displayName ??
          ctx.user?.entity?.metadata.name ??
          local.defaultAuthor.name,
        email: profile?.email ?? local.defaultAuthor.email,
      };
      const { commitHash, existing = false } = await ctx.checkpoint({
        key: `local-branch.${ctx.input.name}.${branch}`,
        fn: () =>
          commitToNewBranch({
            repository,
            source,
            branch,
            message: ctx.input.message,
            author,
          }),
      });
      ctx.logger.info(
        existing
          ? `The branch ${branch} of ${ctx.input.name} already holds this change (commit ${commitHash.slice(0, 7)}): nothing new committed`
          : `Committed ${commitHash.slice(0, 7)} on the branch ${branch} of ${ctx.input.name}`,
      );
      ctx.output('branch', branch);
      ctx.output('commitHash', commitHash);
      ctx.output('existing', existing);
    },
  });
}
