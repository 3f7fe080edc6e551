import type { CompoundEntityRef } from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
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
import type { FastapiChecklistApi } from './FastapiChecklistApi';

const entityPath = ({ namespace, kind, name }: CompoundEntityRef) =>
  `/entity/${encodeURIComponent(namespace)}/${encodeURIComponent(
    kind,
  )}/${encodeURIComponent(name)}`;

function queryString(query: SummaryQuery & { format?: 'csv' } = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * Calls the backend through the app's discovery and authenticated fetch.
 *
 * @public
 */
export class FastapiChecklistClient implements FastapiChecklistApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  private async call(path: string, init?: RequestInit): Promise<Response> {
    const base = await this.deps.discoveryApi.getBaseUrl('fastapi-checklist');
    const response = await this.deps.fetchApi.fetch(`${base}${path}`, init);
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response;
  }

  async getEntityChecklist(
    entity: CompoundEntityRef,
  ): Promise<EntityChecklist> {
    return (await this.call(entityPath(entity))).json();
  }

  async refreshEntityChecklist(
    entity: CompoundEntityRef,
  ): Promise<EntityChecklist> {
    return (
      await this.call(`${entityPath(entity)}/refresh`, { method: 'POST' })
    ).json();
  }

  async previewFix(
    entity: CompoundEntityRef,
    checks: string[],
  ): Promise<FixPreview> {
    return (
      await this.call(`${entityPath(entity)}/fix-preview`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ checks }),
      })
    ).json();
  }

  async getHistory(
    entity: CompoundEntityRef,
  ): Promise<ChecklistHistoryEntry[]> {
    return (await this.call(`${entityPath(entity)}/history`)).json();
  }

  async getSummary(query?: SummaryQuery): Promise<ChecklistSummary> {
    return (await this.call(`/summary${queryString(query)}`)).json();
  }

  async getSummaryCsv(query?: SummaryQuery): Promise<string> {
    return (
      await this.call(`/summary${queryString({ ...query, format: 'csv' })}`)
    ).text();
  }

  async getEntityUpgrade(entity: CompoundEntityRef): Promise<EntityUpgrade> {
    return (await this.call(`${entityPath(entity)}/upgrade`)).json();
  }

  async getFleetUpgrades(options?: {
    fresh?: string[];
  }): Promise<FleetUpgrades> {
    const query = new URLSearchParams(
      (options?.fresh ?? []).map(ref => ['fresh', ref]),
    ).toString();
    return (await this.call(`/upgrades${query ? `?${query}` : ''}`)).json();
  }

  async getFleetFixes(check?: string): Promise<FleetFixes> {
    const query = check ? `?${new URLSearchParams({ check })}` : '';
    return (await this.call(`/fixes${query}`)).json();
  }
}
