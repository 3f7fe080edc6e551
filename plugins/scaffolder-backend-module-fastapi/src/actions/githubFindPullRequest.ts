import { InputError, ResponseError } from '@backstage/errors';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import {
  createTemplateAction,
  parseRepoUrl,
} from '@backstage/plugin-scaffolder-node';
import { branchName } from '../local/branchCommit';
import { examples } from './githubFindPullRequest.examples';

type PullRequest = { number: number; html_url: string };

/** The open pull request from `branch` of owner/repo, if any (GitHub's REST API). */
async function findOpenPullRequest(options: {
  integrations: ScmIntegrationRegistry;
  host: string;
  owner: string;
  repo: string;
  branch: string;
}): Promise<PullRequest | undefined> {
  const { integrations, host, owner, repo, branch } = options;
  const integration = integrations.github.byHost(host);
  if (!integration) {
    throw new InputError(`No GitHub integration is configured for ${host}`);
  }
  const { headers } = await DefaultGithubCredentialsProvider.fromIntegrations(
    integrations,
  ).getCredentials({ url: `https://${host}/${owner}/${repo}` });
  const query = new URLSearchParams({
    state: 'open',
    head: `${owner}:${branch}`,
    per_page: '1',
  });
  const response = await fetch(
    `${integration.config.apiBaseUrl}/repos/${encodeURIComponent(
      owner,
    )}/${encodeURIComponent(repo)}/pulls?${query}`,
    { headers: { Accept: 'application/vnd.github+json', ...headers } },
  );
  if (!response.ok) throw await ResponseError.fromResponse(response);
  const [pull] = (await response.json()) as PullRequest[];
  return pull;
}

/**
 * fastapi:github:find-pull-request — the open pull request from a branch, so a template
 * reports the change it already opened instead of opening a second one (the upgrade
 * template runs publish:github:pull-request only when there is none). Read-only.
 *
 * @public
 */
export function createGithubFindPullRequestAction(options: {
  integrations: ScmIntegrationRegistry;
}) {
  const { integrations } = options;
  return createTemplateAction({
    id: 'fastapi:github:find-pull-request',
    description:
      'Finds the open pull request from a branch of a GitHub repository (read-only)',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        repoUrl: z =>
          z.string({
            description: 'The repository, as RepoUrlPicker gives it (github.com?owner=…&repo=…)',
          }),
        branchName: z => z.string({ description: 'The head branch' }),
      },
      output: {
        exists: z => z.boolean({ description: 'An open pull request exists' }),
        remoteUrl: z =>
          z.string({ description: "Its page; '' when there is none" }),
        pullRequestNumber: z =>
          z.number({ description: 'Its number; 0 when there is none' }),
      },
    },
    async handler(ctx) {
      const { host, owner, repo } = parseRepoUrl(ctx.input.repoUrl, integrations);
      if (!owner || !repo) {
        throw new InputError(`repoUrl "${ctx.input.repoUrl}" names no owner and repository`);
      }
      const branch = branchName(ctx.input.branchName);
      const pull = await findOpenPullRequest({
        integrations,
        host,
        owner,
        repo,
        branch,
      });
      ctx.logger.info(
        pull
          ? `${owner}/${repo} already has the pull request #${pull.number} from ${branch}: ${pull.html_url}`
          : `${owner}/${repo} has no open pull request from ${branch}`,
      );
      ctx.output('exists', Boolean(pull));
      ctx.output('remoteUrl', pull?.html_url ?? '');
      ctx.output('pullRequestNumber', pull?.number ?? 0);
    },
  });
}
