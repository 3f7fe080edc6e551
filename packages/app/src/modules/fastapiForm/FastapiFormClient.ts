import {
  ApiHolder,
  DiscoveryApi,
  discoveryApiRef,
  FetchApi,
  fetchApiRef,
} from '@backstage/core-plugin-api';

/** Whether a publish target can take a new service, and if not, what to change. */
export type TargetAvailability =
  | { available: true }
  | { available: false; reason: string };

export type PublishTargets = Record<'local' | 'github', TargetAvailability>;

/** The checklist a service would be born with. */
export type ChecklistPreview = {
  score: number;
  passed: number;
  applicable: number;
  items: { id: string; title: string; status: string }[];
};

/**
 * The scaffolder module's form routes (/api/scaffolder/fastapi, in
 * plugins/scaffolder-backend-module-fastapi/src/http), as the signed-in user.
 */
export class FastapiFormClient {
  static fromApis(apis: ApiHolder): FastapiFormClient {
    const discovery = apis.get(discoveryApiRef);
    const fetchApi = apis.get(fetchApiRef);
    if (!discovery || !fetchApi) {
      throw new Error('The app has no discovery or fetch API');
    }
    return new FastapiFormClient(discovery, fetchApi);
  }

  constructor(
    private readonly discovery: DiscoveryApi,
    private readonly fetchApi: FetchApi,
  ) {}

  publishTargets(): Promise<PublishTargets> {
    return this.request('/publish-targets');
  }

  async localRepositoryExists(name: string): Promise<boolean> {
    const body = await this.request<{ exists: boolean }>(
      `/local-repositories/${encodeURIComponent(name)}`,
    );
    return body.exists;
  }

  checklistPreview(
    templateRef: string,
    values: Record<string, unknown>,
  ): Promise<ChecklistPreview> {
    return this.request('/checklist-preview', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ templateRef, values }),
    });
  }

  private async request<T>(path: string, init?: RequestInit): Promise<T> {
    const base = await this.discovery.getBaseUrl('scaffolder');
    const response = await this.fetchApi.fetch(`${base}/fastapi${path}`, init);
    if (!response.ok) {
      // Backstage's error body carries the backend's message (e.g. fastapi:render's).
      const body = await response.json().catch(() => undefined);
      throw new Error(
        body?.error?.message ?? `${response.status} ${response.statusText}`,
      );
    }
    return (await response.json()) as T;
  }
}
