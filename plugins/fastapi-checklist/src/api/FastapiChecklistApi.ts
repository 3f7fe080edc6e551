import { createApiRef } from '@backstage/core-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  ChecklistHistoryEntry,
  ChecklistSummary,
  EntityChecklist,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';

export type SummaryFilters = {
  owner?: string;
  lifecycle?: string;
  failing?: string;
  sort?: 'name' | 'score' | 'owner' | 'evaluatedAt';
  order?: 'asc' | 'desc';
};

/** The fastapi-checklist backend, as the card and the page use it. */
export interface FastapiChecklistApi {
  getEntityChecklist(entity: CompoundEntityRef): Promise<EntityChecklist>;
  refreshEntityChecklist(entity: CompoundEntityRef): Promise<EntityChecklist>;
  getHistory(entity: CompoundEntityRef): Promise<ChecklistHistoryEntry[]>;
  getSummary(filters?: SummaryFilters): Promise<ChecklistSummary>;
  getSummaryCsv(filters?: SummaryFilters): Promise<string>;
}

export const fastapiChecklistApiRef = createApiRef<FastapiChecklistApi>({
  id: 'plugin.fastapi-checklist.service',
});
