import {
  DiscoveryService,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  LOCAL_REPOSITORY_VIEW,
  localRepositoryViewUrl,
} from '@fastapi-golden-path/plugin-fastapi-golden-path-node';
import git from 'isomorphic-git';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  LocalRepositoriesOptions,
  repositoryDirectory,
  requireLocalOptions,
} from '../local/localRepositories';
import { annotateSourceAndInlineText } from '../local/annotateSourceAndInlineText';
import { annotateViewUrl } from '../local/annotateViewUrl';
import { branchName } from '../local/branchCommit';
import { assertPublishableSource } from '../local/publishableSource';
import { examples } from './localPublish.examples';

// The scaffolder validates input against the JSON schema but does not apply zod
// defaults, so the handler falls back to the same values.
const DEFAULT_BRANCH = 'main';
const DEFAULT_MESSAGE = 'Initial commit from the FastAPI golden path';

/**
 * fastapi:local:publish — the offline publish target: turns the workspace into a new
 * git repository (initial commit authored by the user) under the configured root.
 * An existing repository of the same name is an error that changes nothing.
 *
 * @public
 */
export function createLocalPublishAction(options: {
  local?: LocalRepositoriesOptions;
  /** Links the repository to the checklist backend's read-only view of it. */
  discovery?: Pick<DiscoveryService, 'getExternalBaseUrl'>;
}) {
  return createTemplateAction({
    id: 'fastapi:local:publish',
    description:
      'Creates a git repository from the workspace under the local repositories root',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z => z.string({ description: 'Repository (directory) name' }),
        sourcePath: z =>
          z
            .string({ description: 'Workspace directory to publish' })
            .default('./'),
        defaultBranch: z =>
          z.string({ description: 'Initial branch' }).default(DEFAULT_BRANCH),
        commitMessage: z =>
          z
            .string({ description: 'Message of the initial commit' })
            .default(DEFAULT_MESSAGE),
      },
      output: {
        repoPath: z =>
          z.string({ description: 'Absolute path of the new repository' }),
        remoteUrl: z =>
          z.string({ description: 'file: URL of the repository' }),
        catalogInfoUrl: z =>
          z.string({ description: 'file: URL of its catalog-info.yaml' }),
        commitHash: z => z.string({ description: 'The initial commit' }),
        viewUrl: z =>
          z
            .string({
              description:
                "The repository's read-only view in the portal (a browser cannot open file: URLs)",
            })
            .optional(),
      },
    },
    async handler(ctx) {
      const local = requireLocalOptions(options.local);
      const target = repositoryDirectory(local, ctx.input.name);
      const branch = ctx.input.defaultBranch ?? DEFAULT_BRANCH;
      try {
        branchName(branch);
      } catch (error) {
        throw new InputError(`defaultBranch ${(error as Error).message}`);
      }
      let source: string;
      try {
        source = resolveSafeChildPath(
          ctx.workspacePath,
          ctx.input.sourcePath ?? './',
        );
      } catch {
        throw new InputError(
          `sourcePath "${ctx.input.sourcePath}" is outside the workspace`,
        );
      }
      const catalogInfoUrl = pathToFileURL(
        path.join(target, 'catalog-info.yaml'),
      ).href;
      const viewUrl =
        options.discovery &&
        localRepositoryViewUrl(
          await options.discovery.getExternalBaseUrl(
            LOCAL_REPOSITORY_VIEW.pluginId,
          ),
          ctx.input.name,
        );
      if (ctx.isDryRun) {
        if (fs.existsSync(target)) throw alreadyExists(ctx.input.name);
        await assertPublishableSource(source);
        ctx.logger.info(
          `Dry run: would create the local repository ${ctx.input.name}`,
        );
        ctx.output('repoPath', target);
        ctx.output('remoteUrl', pathToFileURL(target).href);
        ctx.output('catalogInfoUrl', catalogInfoUrl);
        ctx.output('commitHash', '0'.repeat(40));
        if (viewUrl) ctx.output('viewUrl', viewUrl);
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
      // A retried task (the scaffolder's "Start over", or recovery after a restart)
      // gets the repository its first attempt created instead of "already exists".
      let createdNow = false;
      const { commitHash } = await ctx.checkpoint({
        key: `local-repository.${ctx.input.name}`,
        fn: async () => {
          createdNow = true;
          return {
            commitHash: await createRepository({
              source,
              target,
              root: local.root,
              name: ctx.input.name,
              branch,
              message: ctx.input.commitMessage ?? DEFAULT_MESSAGE,
              author,
              viewUrl,
            }),
          };
        },
      });
      // The log names the repository, not the server's directories, and gives the
      // e-mail without angle brackets, which the task log's link detection swallows.
      ctx.logger.info(
        createdNow
          ? `Created the local repository ${
              ctx.input.name
            } at commit ${commitHash.slice(0, 7)}, authored by ${
              author.name
            } (e-mail ${author.email})`
          : `The local repository ${
              ctx.input.name
            } was created by an earlier attempt of this task (commit ${commitHash.slice(
              0,
              7,
            )})`,
      );
      ctx.output('repoPath', target);
      ctx.output('remoteUrl', pathToFileURL(target).href);
      ctx.output('catalogInfoUrl', catalogInfoUrl);
      ctx.output('commitHash', commitHash);
      if (viewUrl) ctx.output('viewUrl', viewUrl);
    },
  });
}

function alreadyExists(name: string): InputError {
  return new InputError(
    `A repository named "${name}" already exists in the local repositories root; choose another name`,
  );
}

/** Copies the workspace into a new repository with one commit; leaves nothing on failure. */
async function createRepository(options: {
  source: string;
  target: string;
  root: string;
  name: string;
  branch: string;
  message: string;
  author: { name: string; email: string };
  viewUrl?: string;
}): Promise<string> {
  const { source, target } = options;
  if (fs.existsSync(target)) throw alreadyExists(options.name);
  await assertPublishableSource(source);
  await fs.promises.mkdir(options.root, { recursive: true });
  // mkdir without recursive fails if a concurrent task took the name in the meantime.
  await fs.promises.mkdir(target);
  try {
    // Links as they are: relative and inside, so they stay inside the repository.
    await fs.promises.cp(source, target, {
      recursive: true,
      verbatimSymlinks: true,
    });
    await annotateSourceAndInlineText(target);
    if (options.viewUrl) await annotateViewUrl(target, options.viewUrl);
    await git.init({ fs, dir: target, defaultBranch: options.branch });
    await git.add({ fs, dir: target, filepath: '.' });
    return await git.commit({
      fs,
      dir: target,
      message: options.message,
      author: options.author,
    });
  } catch (error) {
    // Leave nothing half-made behind.
    await fs.promises.rm(target, { recursive: true, force: true });
    throw error;
  }
}
