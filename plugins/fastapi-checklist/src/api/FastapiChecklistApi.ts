import { createApiRef } from '@backstage/core-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  ChecklistHistoryEntry,
  ChecklistSummary,
  EntityChecklist,
  EntityUpgrade,
  FixPreview,
  FleetFixes,
  FleetUpgrades,
  SummaryQuery,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';

/**
 * The fastapi-checklist backend, as the card and the page use it.
 *
 * @public
 */
export interface FastapiChecklistApi {
  getEntityChecklist(entity: CompoundEntityRef): Promise<EntityChecklist>;
  refreshEntityChecklist(entity: CompoundEntityRef): Promise<EntityChecklist>;
  /** What "Fix it" would change for the checks (nothing is written). */
  previewFix(entity: CompoundEntityRef, checks: string[]): Promise<FixPreview>;
  getHistory(entity: CompoundEntityRef): Promise<ChecklistHistoryEntry[]>;
  getSummary(query?: SummaryQuery): Promise<ChecklistSummary>;
  getSummaryCsv(query?: SummaryQuery): Promise<string>;
  /** The service's golden-path version, the template's and its upgrade change. */
  getEntityUpgrade(entity: CompoundEntityRef): Promise<EntityUpgrade>;
  /**
   * Every readable service's golden-path version and upgrade change; the changes of the
   * `fresh` services are looked up again rather than taken from the backend's cache.
   */
  getFleetUpgrades(options?: { fresh?: string[] }): Promise<FleetUpgrades>;
  /**
   * The checks with an automatic fix and how many services the caller may fix fail or
   * warn each; with `check`, those services.
   */
  getFleetFixes(check?: string): Promise<FleetFixes>;
}

/**
 * The API ref of the checklist backend's client.
 *
 * @public
 */
export const fastapiChecklistApiRef = createApiRef<FastapiChecklistApi>({
  id: 'plugin.fastapi-checklist.service',
});
