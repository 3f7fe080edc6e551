import type { CheckResult } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { FIXABLE_CHECKS } from '@fastapi-golden-path/plugin-fastapi-checklist-node';

/** The failing or warning checks with an automatic fix, for the card's "Fix it". */
export function fixableChecks(items: readonly CheckResult[]): string[] {
  return items
    .filter(
      item =>
        (item.status === 'fail' || item.status === 'warn') &&
        (FIXABLE_CHECKS as readonly string[]).includes(item.id),
    )
    .map(item => item.id);
}
