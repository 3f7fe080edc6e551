import { assertError, InputError } from '@backstage/errors';
import type { ScmIntegrationRegistry } from '@backstage/integration';
import {
  createTemplateAction,
  parseRepoUrl,
} from '@backstage/plugin-scaffolder-node';
import {
  LocalRepositoriesOptions,
  requireLocalOptions,
} from '../local/localRepositories';
import { localRepositoryExists } from '../local/localRepositoryExists';
import { githubAvailability } from '../targets/publishTargets';
import { examples } from './validateTarget.examples';

/**
 * fastapi:validate-target — the template's first step: refuses a publish target that
 * cannot take the service (GitHub without credentials, a local name already taken)
 * before anything is rendered, with the setting to change. A dry-run publishes nothing,
 * so there it only warns what a real run would refuse.
 */
export function createValidateTargetAction(options: {
  integrations: ScmIntegrationRegistry;
  local?: LocalRepositoriesOptions;
}) {
  const { integrations } = options;
  return createTemplateAction({
    id: 'fastapi:validate-target',
    description:
      'Checks that the chosen publish target can take the new service, before anything is rendered',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        publishTarget: z =>
          z.enum(['local', 'github'], {
            description: 'Where the service will be published',
          }),
        name: z => z.string({ description: 'Service (and repository) name' }),
        repoUrl: z =>
          z
            .string({
              description: 'RepoUrlPicker value, for the GitHub target',
            })
            .optional(),
      },
    },
    async handler(ctx) {
      try {
        await checkTarget(ctx.input);
      } catch (error) {
        assertError(error);
        if (!ctx.isDryRun || error.name !== 'InputError') throw error;
        ctx.logger.warn(
          `Dry run: a real run would stop here: ${error.message}`,
        );
        return;
      }
      ctx.logger.info(
        `The ${ctx.input.publishTarget} target can take the service`,
      );
    },
  });

  async function checkTarget(input: {
    publishTarget: 'local' | 'github';
    name: string;
    repoUrl?: string;
  }) {
    const { publishTarget, name, repoUrl } = input;
    if (publishTarget === 'github') {
      if (!repoUrl) {
        throw new InputError(
          'The GitHub target needs a repository location (repoUrl)',
        );
      }
      let host: string;
      try {
        host = parseRepoUrl(repoUrl, integrations).host;
      } catch (error) {
        throw new InputError(`repoUrl ${(error as Error).message}`);
      }
      const github = githubAvailability(integrations, host);
      if (!github.available) throw new InputError(github.reason);
      return;
    }
    const local = requireLocalOptions(options.local);
    if (await localRepositoryExists(local, name)) {
      throw new InputError(
        `The local target already has a repository named "${name}"; choose another name`,
      );
    }
  }
}
