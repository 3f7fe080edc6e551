import type { InferredAnswers } from './inferredAnswers';

/**
 * The branch an upgrade to `version` is proposed on: the local repository's branch, or
 * the pull request's head branch on GitHub (the upgrade template names it so).
 *
 * @public
 */
export function upgradeBranchName(version: string): string {
  return `golden-path/upgrade-${version}`;
}

/**
 * Where an upgrade change stands: `open` (waiting for review), `conflicts` (open, with
 * conflicts the owners have not resolved yet, or, on GitHub, conflicting with its base),
 * `merged`, `closed` (a pull request closed without merging).
 *
 * @public
 */
export type UpgradeChangeState = 'open' | 'conflicts' | 'merged' | 'closed';

/**
 * The change that upgrades a service to the template's current version.
 *
 * @public
 */
export type UpgradeChange = {
  target: 'local' | 'github';
  state: UpgradeChangeState;
  branch: string;
  /** The pull request (GitHub) or the repository's read-only view (local). */
  url?: string;
  /** GitHub: the pull request's number. */
  number?: number;
  /** Local: the repository's name under the local repositories root. */
  repository?: string;
  /** Files whose conflicts are not resolved yet (as the change's upgrade record lists them). */
  conflicts: string[];
};

/**
 * GET /entity/:namespace/:kind/:name/upgrade — the service's golden-path version, the
 * template's current one, and the change that upgrades it, when there is one.
 *
 * @public
 */
export type EntityUpgrade = {
  /** From the entity's template annotation (fastapi-service@0.1.0 → 0.1.0). */
  version?: string;
  /** The template's current version (its fastapi-golden-path/version annotation). */
  latest?: string;
  change?: UpgradeChange;
  /** Why the change could not be looked up (the repository or GitHub could not be read). */
  changeError?: string;
  /**
   * A service behind the template, with no open change, whose repository records no
   * answers (created before they were): its answers as the repository states them, for
   * the upgrade form. Absent when the repository could not be read.
   */
  inferredAnswers?: InferredAnswers;
};

/**
 * One service of GET /upgrades.
 *
 * @public
 */
export type FleetUpgradeRow = EntityUpgrade & {
  entityRef: string;
  title?: string;
  owner?: string;
  /** The template it was made from (the annotation's name), e.g. fastapi-service. */
  template?: string;
  /** Its version is older than the template's current one. */
  behind: boolean;
};

/**
 * GET /upgrades: every checklist-enabled service the caller may read, its golden-path
 * version and its upgrade change. Changes are looked up for services that are behind,
 * at most `changeLookupLimit` of them per request (the rest have no `change`).
 *
 * @public
 */
export type FleetUpgrades = {
  rows: FleetUpgradeRow[];
  totals: {
    services: number;
    behind: number;
    /** Behind, with an upgrade change that is open (with or without conflicts). */
    openChanges: number;
  };
  /** Services per golden-path version (`unknown` without a template annotation). */
  versions: { version: string; services: number }[];
  changeLookupLimit: number;
  /** Behind services whose change was not looked up because of the limit. */
  changesNotLookedUp: number;
};

/**
 * How many services GET /upgrades's `fresh` may name: each is an entity ref in the URL,
 * and the request must stay within Node's 16 KiB limit on a request's head.
 *
 * @public
 */
export const FLEET_FRESH_LIMIT = 100;
