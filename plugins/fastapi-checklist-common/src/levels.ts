import { CHECK_IDS, getCheck, isCheckId } from './checks';
import type { ChecklistOptions } from './config';
import type { CheckResult, CheckStatus } from './types';

/**
 * One level of readiness: its name and the checks it adds to the level before it (a
 * service reaches a level when it meets the checks of that level and of every lower one).
 *
 * @public
 */
export type ChecklistLevel = { name: string; checks: readonly string[] };

const BRONZE = [
  'response-models',
  'auth',
  'input-validation',
  'exception-handlers',
  'cors',
  'env-secrets',
  'tests',
  'dockerfile',
  'workers',
  'logging',
  'health',
];

/**
 * The levels when app-config names none: Bronze is the FastAPI guide's list, Silver adds
 * observability and probes, Gold hardening and the supply chain.
 *
 * @public
 */
export const DEFAULT_LEVELS: readonly ChecklistLevel[] = [
  { name: 'Bronze', checks: BRONZE },
  { name: 'Silver', checks: ['tracing', 'metrics', 'request-id', 'probes'] },
  {
    name: 'Gold',
    checks: [
      'security-headers',
      'rate-limit',
      'dependency-lock',
      'dependency-updates',
      'migrations',
      'ci',
    ],
  },
];

/**
 * The filter value (GET /summary?level=none) of services below the first level.
 *
 * @public
 */
export const NO_LEVEL = 'none';

/**
 * Whether a check with this status meets a level: pass, not applicable or waived. A
 * warning does not: it is a finding the owners have neither fixed nor waived.
 *
 * @public
 */
export function meetsLevel(status: CheckStatus): boolean {
  return (
    status === 'pass' || status === 'not-applicable' || status === 'waived'
  );
}

/**
 * Throws an error naming `key` (and the level) when the levels are not a usable ladder:
 * no level, a level without a name or checks, a duplicate or reserved name, an unknown
 * check id, or a check listed twice.
 *
 * @public
 */
export function validateChecklistLevels(
  levels: readonly ChecklistLevel[],
  key = 'fastapiChecklist.levels',
): void {
  if (levels.length === 0)
    throw new Error(`${key} must list at least one level`);
  const names = new Set<string>();
  const levelOf = new Map<string, string>();
  levels.forEach(({ name, checks }, index) => {
    const at = `${key}[${index}]`;
    if (!name?.trim()) throw new Error(`${at}.name must be a non-empty text`);
    const folded = name.toLocaleLowerCase('en-US');
    if (folded === NO_LEVEL) {
      throw new Error(
        `${at}.name "${name}" is reserved (it filters the services below every level)`,
      );
    }
    if (names.has(folded))
      throw new Error(`${at}.name "${name}" names an earlier level too`);
    names.add(folded);
    if (!checks?.length)
      throw new Error(`${at}.checks (${name}) must list at least one check`);
    const unknown = checks.filter(id => !isCheckId(id));
    if (unknown.length) {
      throw new Error(
        `${at}.checks (${name}) has unknown check id(s): ${unknown.join(
          ', ',
        )}. Known checks: ${CHECK_IDS.join(', ')}`,
      );
    }
    for (const id of checks) {
      const earlier = levelOf.get(id);
      if (earlier !== undefined) {
        throw new Error(
          `${at}.checks (${name}) lists ${id}, which ${
            earlier === name ? 'it lists already' : `level ${earlier} lists`
          }`,
        );
      }
      levelOf.set(id, name);
    }
  });
}

/**
 * The levels as the analysis sees them: checks turned off in app-config
 * (`fastapiChecklist.checks.<id>.enabled: false`) are not part of any level.
 *
 * @public
 */
export function withoutDisabledChecks(
  levels: readonly ChecklistLevel[],
  options: ChecklistOptions,
): ChecklistLevel[] {
  return levels.map(level => ({
    name: level.name,
    checks: level.checks.filter(id => options.checks?.[id]?.enabled !== false),
  }));
}

/**
 * A check a service must still meet to reach a level. `not-evaluated`: the result has no
 * such check (it was evaluated before the check existed).
 *
 * @public
 */
export type MissingCheck = {
  id: string;
  title: string;
  status: CheckStatus | 'not-evaluated';
};

/**
 * The level a result reaches, and what it misses for the next one.
 *
 * @public
 */
export type LevelOutcome = {
  /** The highest level reached (null: below the first). */
  level: string | null;
  /** The next level and its unmet checks; absent at the top level. */
  next?: { name: string; missing: MissingCheck[] };
};

/**
 * The highest level whose checks, and every lower level's, are all met (pass,
 * not-applicable, waived), and the unmet checks of the level after it.
 *
 * @public
 */
export function computeLevel(
  items: readonly Pick<CheckResult, 'id' | 'title' | 'status'>[],
  levels: readonly ChecklistLevel[],
): LevelOutcome {
  const byId = new Map(items.map(item => [item.id, item]));
  let level: string | null = null;
  for (const { name, checks } of levels) {
    const missing = checks.flatMap((id): MissingCheck[] => {
      const item = byId.get(id);
      if (!item)
        return [
          { id, title: getCheck(id)?.title ?? id, status: 'not-evaluated' },
        ];
      return meetsLevel(item.status)
        ? []
        : [{ id, title: item.title, status: item.status }];
    });
    if (missing.length) return { level, next: { name, missing } };
    level = name;
  }
  return { level };
}
