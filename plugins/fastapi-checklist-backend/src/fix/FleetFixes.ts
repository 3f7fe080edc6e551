import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CheckStatus,
  FleetFixes as FleetFixesAnswer,
  FleetFixRow,
  isWaivable,
  isWaiverActive,
  TEMPLATE_ANNOTATION,
  utcDay,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import {
  listChecklistEntities,
  type ReadableEntities,
} from '../service/checklistEntities';
import { FIXABLE_CHECKS } from '@fastapi-golden-path/plugin-fastapi-checklist-node';
import type { ChecklistStore } from '../database/ChecklistStore';
import type { CheckStates } from '../database/checkStates';

/** Of the given entity refs, those the caller may fix: read and re-check. */
export type FixableEntities = (entityRefs: string[]) => Promise<Set<string>>;
/** Of the given entity refs, those whose checklist the caller may read. */

/**
 * The checks with an automatic fix a stored result fails or warns, as of `today`: a
 * check an active waiver covers is not offered (the card does not offer it either).
 */
function fixableOf(
  states: CheckStates,
  today: string,
): Map<string, 'fail' | 'warn'> {
  const found = new Map<string, 'fail' | 'warn'>();
  for (const id of FIXABLE_CHECKS) {
    const state = states[id];
    if (state === undefined) continue;
    const [status, expires] = state.split('@') as [CheckStatus, string?];
    if (!isWaivable(status)) continue;
    if (expires !== undefined && isWaiverActive(expires, today)) continue;
    found.set(id, status);
  }
  return found;
}

/**
 * The org page's bulk fixes: which services fail or warn each check that has an
 * automatic fix, among those the caller may fix (the checklist's read and refresh
 * permissions, as the card's Fix it). Read from the stored results: nothing is analysed.
 */
export class FleetFixes {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      store: ChecklistStore;
      now?: () => Date;
    },
  ) {}

  async forFleet(options: {
    check?: string;
    credentials: BackstageCredentials;
    readable: ReadableEntities;
    fixable: FixableEntities;
  }): Promise<FleetFixesAnswer> {
    const { check, credentials, readable, fixable } = options;
    const today = utcDay(this.options.now?.() ?? new Date());
    const { entities: items, refs } = await listChecklistEntities(
      this.options.catalog,
      credentials,
    );
    const stored = await this.options.store.getSummaries(refs);
    // Only services that fail or warn a fixable check are asked about: the permission
    // decisions cost one item per entity under a conditional policy.
    const failing = new Map<string, Map<string, 'fail' | 'warn'>>();
    for (const ref of refs) {
      const record = stored.get(ref);
      if (record?.status !== 'ok') continue;
      const found = fixableOf(record.checks, today);
      if (found.size) failing.set(ref, found);
    }
    const candidates = [...failing.keys()];
    const [mayRead, mayFix] = await Promise.all([
      readable(candidates),
      fixable(candidates),
    ]);

    const counts = new Map<string, number>(FIXABLE_CHECKS.map(id => [id, 0]));
    const rows: FleetFixRow[] = [];
    let notOffered = 0;
    items.forEach((entity, index) => {
      const ref = refs[index];
      const found = failing.get(ref);
      if (!found || !mayRead.has(ref)) return;
      if (!mayFix.has(ref)) {
        if (check && found.has(check)) notOffered += 1;
        return;
      }
      for (const id of found.keys()) counts.set(id, counts.get(id)! + 1);
      const status = check ? found.get(check) : undefined;
      if (!status) return;
      rows.push({
        entityRef: ref,
        title: entity.metadata.title,
        owner: entity.spec?.owner as string | undefined,
        template:
          entity.metadata.annotations?.[TEMPLATE_ANNOTATION]?.split('@')[0] ||
          undefined,
        status,
      });
    });
    rows.sort((a, b) => (a.entityRef < b.entityRef ? -1 : 1));
    return {
      checks: [...counts].map(([id, services]) => ({ id, services })),
      ...(check && { check }),
      rows,
      notOffered,
    };
  }
}
