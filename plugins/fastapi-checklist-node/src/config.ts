import type { Config } from '@backstage/config';
import {
  ChecklistOptions,
  CheckSeverity,
  validateChecklistOptions,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';

/**
 * Reads `fastapiChecklist.checks` from app-config, failing clearly on unknown ids.
 *
 * @public
 */
export function readChecklistOptions(config: Config): ChecklistOptions {
  const checksConfig = config.getOptionalConfig('fastapiChecklist.checks');
  const checks: ChecklistOptions['checks'] = {};
  for (const id of checksConfig?.keys() ?? []) {
    const entry = checksConfig!.getConfig(id);
    checks[id] = {
      enabled: entry.getOptionalBoolean('enabled'),
      severity: entry.getOptionalString('severity') as
        | CheckSeverity
        | undefined,
    };
  }
  const options = { checks };
  validateChecklistOptions(options);
  return options;
}
