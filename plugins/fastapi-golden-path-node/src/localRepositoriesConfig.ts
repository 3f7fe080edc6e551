import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';
import path from 'node:path';

/**
 * The local publish target's settings (`fastapiGoldenPath.local`), as the scaffolder
 * actions, the catalog provider and the checklist backend use them.
 *
 * @public
 */
export type LocalRepositoriesConfig = {
  /** Absolute directory that holds every local repository. */
  root: string;
  /** How often the catalog rescans the root. */
  scanInterval: HumanDuration;
  /** Commit author when the task's user has no name or email in the catalog. */
  defaultAuthor: { name: string; email: string };
};

/** @public */
export const LOCAL_REPOSITORIES_CONFIG_KEY = 'fastapiGoldenPath.local';

const DEFAULT_SCAN_INTERVAL: HumanDuration = { seconds: 10 };
const DEFAULT_AUTHOR = {
  name: 'FastAPI Golden Path',
  email: 'golden-path@localhost',
};

function readScanInterval(config: Config): HumanDuration {
  const key = `${LOCAL_REPOSITORIES_CONFIG_KEY}.scanInterval`;
  if (!config.has(key)) return DEFAULT_SCAN_INTERVAL;
  // Read from the root config so every error names the full key.
  const interval = readDurationFromConfig(config, { key });
  if (!(durationToMilliseconds(interval) > 0)) {
    throw new Error(`${key} must be longer than zero`);
  }
  return interval;
}

/**
 * Reads `fastapiGoldenPath.local`; undefined when the local target is not configured.
 * Invalid values throw, naming the key, so a typo stops the backend at startup.
 *
 * @public
 */
export function readLocalRepositoriesConfig(
  config: Config,
): LocalRepositoriesConfig | undefined {
  const local = config.getOptionalConfig(LOCAL_REPOSITORIES_CONFIG_KEY);
  if (!local) return undefined;
  return {
    // Relative roots resolve from the backend's working directory, once, here.
    root: path.resolve(local.getString('root')),
    scanInterval: readScanInterval(config),
    defaultAuthor: {
      name:
        local.getOptionalString('defaultAuthor.name') ?? DEFAULT_AUTHOR.name,
      email:
        local.getOptionalString('defaultAuthor.email') ?? DEFAULT_AUTHOR.email,
    },
  };
}
