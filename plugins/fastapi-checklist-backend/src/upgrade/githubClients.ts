import {
  DefaultGithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { InputError } from '@backstage/errors';
import { Octokit } from '@octokit/rest';

/** A GitHub API client for a repository's URL, with the integration's credentials. */
export type GithubClientFactory = (repositoryUrl: string) => Promise<Octokit>;

/**
 * Clients through the app's GitHub integrations (integrations.github: a token or a GitHub
 * App), as the scaffolder's GitHub actions use them.
 */
export function githubClients(
  integrations: ScmIntegrationRegistry,
): GithubClientFactory {
  const credentials =
    DefaultGithubCredentialsProvider.fromIntegrations(integrations);
  return async url => {
    const integration = integrations.github.byUrl(url);
    if (!integration) {
      throw new InputError(`No GitHub integration is configured for ${url}`);
    }
    const { token } = await credentials.getCredentials({ url });
    return new Octokit({ auth: token, baseUrl: integration.config.apiBaseUrl });
  };
}
