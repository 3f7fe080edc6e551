import type {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { stringifyError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  EntityUpgrade,
  FleetUpgradeRow,
  FleetUpgrades,
  TEMPLATE_ANNOTATION,
  TEMPLATE_VERSION_ANNOTATION,
  upgradeBranchName,
  UpgradeChange,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import {
  listChecklistEntities,
  onlyReadable,
  type ReadableEntities,
} from '../service/checklistEntities';
import { localRepositoryViewUrl } from '@fastapi-golden-path/plugin-fastapi-golden-path-node';
import path from 'node:path';
import pLimit from 'p-limit';
import { coerce, gt, gte } from 'semver';
import { openLocalRepository } from '../localView/repositoryAtHead';
import { localRepositoryDirectory } from '../source/localRepositoryDirectory';
import type { GithubClientFactory } from './githubClients';
import { findGithubUpgradeChange } from './githubUpgradeChange';
import { findLocalUpgradeChange } from './localUpgradeChange';
import type { RepositoryAnswers } from './RepositoryAnswers';
import { TtlCache } from './TtlCache';

/** How long a change's state and a template's version are reused (ms). */
export const UPGRADE_CACHE_TTL_MS = 60_000;
/** Changes and template versions kept at most. */
export const UPGRADE_CACHE_MAX_ENTRIES = 20_000;
/** Behind services whose change GET /upgrades looks up per request. */
export const FLEET_CHANGE_LOOKUP_LIMIT = 200;
/** Change lookups GET /upgrades runs at the same time (disk or GitHub). */
export const FLEET_LOOKUP_CONCURRENCY = 4;
/** The annotation the upgrade template reads a GitHub repository from. */
export const GITHUB_PROJECT_SLUG_ANNOTATION = 'github.com/project-slug';

const UNKNOWN = 'unknown';

/** semver's reading of a version, short forms (0.2) included; null when it is none. */
const version = (value: string | undefined) =>
  value ? coerce(value, { includePrerelease: true }) : null;

/** The template's name and the service's version, from its template annotation. */
function madeFrom(entity: Entity): { template?: string; version?: string } {
  const annotation = entity.metadata.annotations?.[TEMPLATE_ANNOTATION];
  if (!annotation) return {};
  const [template, made] = annotation.split('@');
  return { template: template || undefined, version: made || undefined };
}

/** Versions newest first (semver), anything that is not a version after them by name. */
function newestFirst(x: { version: string }, y: { version: string }): number {
  const [a, b] = [version(x.version), version(y.version)];
  if (a && b) return b.compare(a);
  if (a || b) return a ? -1 : 1;
  return x.version.localeCompare(y.version);
}

export type UpgradeChangesOptions = {
  catalog: CatalogService;
  auth: AuthService;
  /** The local repositories root (absolute), when the local target is configured. */
  localRoot?: string;
  /** The checklist backend's external base URL (the local repositories' view). */
  viewBaseUrl: () => Promise<string>;
  github: GithubClientFactory;
  /** Behind services whose change GET /upgrades looks up (default {@link FLEET_CHANGE_LOOKUP_LIMIT}). */
  changeLookupLimit?: number;
  /** Answers inferred from a repository that records none, for the upgrade form. */
  answers?: Pick<RepositoryAnswers, 'forEntity'>;
  now?: () => number;
};

/**
 * The change that upgrades a service to its template's current version, and where it
 * stands: on the local target the branch golden-path/upgrade-<version> of its
 * repository, on GitHub the pull request from that branch.
 */
export class UpgradeChanges {
  private readonly changes: TtlCache<UpgradeChange | undefined>;
  private readonly templateVersions: TtlCache<string | undefined>;

  constructor(private readonly options: UpgradeChangesOptions) {
    const cache = {
      ttlMs: UPGRADE_CACHE_TTL_MS,
      maxEntries: UPGRADE_CACHE_MAX_ENTRIES,
      now: options.now,
    };
    this.changes = new TtlCache(cache);
    this.templateVersions = new TtlCache(cache);
  }

  /**
   * The service's version, the template's and the upgrade change (the caller may read the
   * entity); while it is behind with no open change, the answers its repository states
   * when it records none (the upgrade form is opened with them).
   */
  async forEntity(entity: Entity): Promise<EntityUpgrade> {
    const { template, version: made } = madeFrom(entity);
    const latest = template ? await this.latestVersion(template) : undefined;
    const upgrade: EntityUpgrade = {
      version: made,
      latest,
      ...(await this.changeOf(entity, latest)),
    };
    const [a, b] = [version(latest), version(made)];
    const offered =
      !!a &&
      !!b &&
      gt(a, b) &&
      (!upgrade.change || upgrade.change.state === 'closed');
    if (offered && this.options.answers) {
      // Without them the form shows its defaults: a repository that cannot be read
      // costs the card nothing more.
      const inferred = await this.options.answers
        .forEntity(entity)
        .catch(() => undefined);
      if (inferred) upgrade.inferredAnswers = inferred;
    }
    return upgrade;
  }

  /**
   * Every checklist-enabled service the caller may read: versions, how many are behind,
   * and the changes of the first {@link FLEET_CHANGE_LOOKUP_LIMIT} behind ones.
   */
  async forFleet(
    credentials: BackstageCredentials,
    readable: ReadableEntities,
    options: {
      /** Services whose change is looked up again now, not reused (a bulk upgrade just ran). */
      fresh?: ReadonlySet<string>;
    } = {},
  ): Promise<FleetUpgrades> {
    const { entities } = await onlyReadable(
      await listChecklistEntities(this.options.catalog, credentials, {
        order: { field: 'metadata.name', order: 'asc' },
      }),
      readable,
    );
    const templates = [
      ...new Set(entities.map(e => madeFrom(e).template).filter(Boolean)),
    ] as string[];
    const latest = new Map(
      await Promise.all(
        templates.map(async t => [t, await this.latestVersion(t)] as const),
      ),
    );
    const rows: FleetUpgradeRow[] = entities.map(entity => {
      const { template, version: made } = madeFrom(entity);
      const current = template ? latest.get(template) : undefined;
      const [a, b] = [version(current), version(made)];
      return {
        entityRef: stringifyEntityRef(entity),
        title: entity.metadata.title,
        owner: entity.spec?.owner as string | undefined,
        template,
        version: made,
        latest: current,
        behind: !!a && !!b && gt(a, b),
      };
    });
    const behind = rows.filter(row => row.behind);
    const limit = pLimit(FLEET_LOOKUP_CONCURRENCY);
    const lookupLimit =
      this.options.changeLookupLimit ?? FLEET_CHANGE_LOOKUP_LIMIT;
    const lookedUp = rows
      .map((row, index) => ({ row, entity: entities[index] }))
      .filter(({ row }) => row.behind)
      .slice(0, lookupLimit);
    await Promise.all(
      lookedUp.map(({ row, entity }) =>
        limit(async () => {
          Object.assign(
            row,
            await this.changeOf(entity, row.latest, {
              fresh: options.fresh?.has(row.entityRef),
            }),
          );
        }),
      ),
    );
    const counts = new Map<string, number>();
    for (const row of rows) {
      const key = row.version ?? UNKNOWN;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return {
      rows,
      totals: {
        services: rows.length,
        behind: behind.length,
        openChanges: behind.filter(
          row =>
            row.change?.state === 'open' || row.change?.state === 'conflicts',
        ).length,
      },
      versions: [...counts]
        .map(([v, services]) => ({ version: v, services }))
        .sort(newestFirst),
      changeLookupLimit: lookupLimit,
      changesNotLookedUp: behind.length - lookedUp.length,
    };
  }

  /** The template's current version, as its catalog entity declares it. */
  private latestVersion(template: string): Promise<string | undefined> {
    return this.templateVersions.get(template, async () => {
      const { catalog, auth } = this.options;
      const entity = await catalog.getEntityByRef(
        { kind: 'Template', namespace: 'default', name: template },
        { credentials: await auth.getOwnServiceCredentials() },
      );
      return entity?.metadata.annotations?.[TEMPLATE_VERSION_ANNOTATION];
    });
  }

  /** The change to `latest` and its state; a failed lookup is reported, not thrown. */
  private async changeOf(
    entity: Entity,
    latest: string | undefined,
    options: { fresh?: boolean } = {},
  ): Promise<Pick<EntityUpgrade, 'change' | 'changeError'>> {
    if (!latest || !version(latest)) return {};
    const key = `${stringifyEntityRef(entity)}\n${latest}`;
    let change: UpgradeChange | undefined;
    try {
      change = await this.changes.get(
        key,
        () => this.lookUp(entity, latest),
        options,
      );
    } catch (error) {
      return { changeError: stringifyError(error) };
    }
    // Merged some other way (squashed, rebased): the service records the version now.
    const made = version(madeFrom(entity).version);
    if (
      change &&
      change.state !== 'merged' &&
      made &&
      gte(made, version(latest)!)
    ) {
      return { change: { ...change, state: 'merged', conflicts: [] } };
    }
    return change ? { change } : {};
  }

  private async lookUp(
    entity: Entity,
    latest: string,
  ): Promise<UpgradeChange | undefined> {
    const branch = upgradeBranchName(latest);
    const annotations = entity.metadata.annotations ?? {};
    const slug = annotations[GITHUB_PROJECT_SLUG_ANNOTATION];
    if (slug) {
      const [owner, repo, ...rest] = slug.split('/');
      if (!owner || !repo || rest.length) return undefined;
      const octokit = await this.options.github(
        `https://github.com/${owner}/${repo}`,
      );
      return findGithubUpgradeChange({ octokit, owner, repo, branch });
    }
    const managedBy = annotations[ANNOTATION_LOCATION];
    const source = annotations[ANNOTATION_SOURCE_LOCATION];
    const { localRoot } = this.options;
    if (
      !localRoot ||
      !managedBy?.startsWith('file:') ||
      source?.startsWith('url:')
    ) {
      return undefined;
    }
    // The local target's repositories sit directly under the root.
    const directory = localRepositoryDirectory(managedBy, localRoot);
    if (path.dirname(directory) !== localRoot) return undefined;
    const repository = path.basename(directory);
    const dir = await openLocalRepository(localRoot, repository);
    return findLocalUpgradeChange({
      dir,
      repository,
      branch,
      url: localRepositoryViewUrl(await this.options.viewBaseUrl(), repository),
    });
  }
}
