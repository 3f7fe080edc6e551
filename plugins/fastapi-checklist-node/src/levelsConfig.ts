import type { Config } from '@backstage/config';
import {
  ChecklistLevel,
  ChecklistOptions,
  DEFAULT_LEVELS,
  validateChecklistLevels,
  withoutDisabledChecks,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';

const KEY = 'fastapiChecklist.levels';

/**
 * Reads `fastapiChecklist.levels` (the defaults, Bronze/Silver/Gold, without it),
 * failing clearly, naming the key, on a ladder that cannot work (no level, an empty or
 * duplicate level, an unknown or repeated check id). Checks the options turn off are
 * left out of every level.
 *
 * @public
 */
export function readChecklistLevels(
  config: Config,
  options: ChecklistOptions = {},
): ChecklistLevel[] {
  const configured = config.getOptionalConfigArray(KEY);
  const levels: ChecklistLevel[] = configured
    ? configured.map(level => ({
        name: level.getString('name'),
        checks: level.getOptionalStringArray('checks') ?? [],
      }))
    : [...DEFAULT_LEVELS];
  validateChecklistLevels(levels, KEY);
  return withoutDisabledChecks(levels, options);
}
