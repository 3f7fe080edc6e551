import type { ScmIntegrationRegistry } from '@backstage/integration';
import type { LocalRepositoriesOptions } from '../local/localRepositories';

/** Whether a publish target can take a new service, and if not, what to change. */
export type TargetAvailability =
  | { available: true }
  | { available: false; reason: string };

export type PublishTargets = {
  local: TargetAvailability;
  github: TargetAvailability;
};

/** The host the template's RepoUrlPicker allows. */
export const GITHUB_HOST = 'github.com';

/**
 * publish:github needs credentials from integrations.github: a token or a GitHub App.
 * Decided from config alone (no request to GitHub), so the form can ask it freely.
 */
export function githubAvailability(
  integrations: ScmIntegrationRegistry,
  host: string = GITHUB_HOST,
): TargetAvailability {
  const integration = integrations.github.byHost(host);
  if (!integration) {
    return {
      available: false,
      reason: `Publishing to ${host} is not set up: add it under integrations.github in app-config, with a token or a GitHub App.`,
    };
  }
  const { token, apps } = integration.config;
  if (token?.trim() || (apps?.length ?? 0) > 0) return { available: true };
  return {
    available: false,
    reason: `Publishing to GitHub needs credentials for ${host}: set the GITHUB_TOKEN environment variable (integrations.github[].token in app-config) to a token that may create repositories, or configure a GitHub App under integrations.github[].apps, and restart the portal.`,
  };
}

export function localAvailability(
  local: LocalRepositoriesOptions | undefined,
): TargetAvailability {
  return local
    ? { available: true }
    : {
        available: false,
        reason:
          'The local target is not set up: set fastapiGoldenPath.local.root in app-config.',
      };
}

export function publishTargets(
  integrations: ScmIntegrationRegistry,
  local: LocalRepositoriesOptions | undefined,
): PublishTargets {
  return {
    local: localAvailability(local),
    github: githubAvailability(integrations),
  };
}
