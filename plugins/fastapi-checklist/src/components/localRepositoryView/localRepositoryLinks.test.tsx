import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import {
  ScmIntegrationsApi,
  scmIntegrationsApiRef,
} from '@backstage/integration-react';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { TestApiProvider } from '@backstage/test-utils';
import { render, renderHook, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { AuthCookieRefresh } from './AuthCookieRefresh';
import { useViewSourceIconLinkProps } from './useViewSourceIconLinkProps';

const VIEW = 'http://localhost:7007/api/fastapi-checklist/local/orders/';

const entity = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'orders', annotations },
});

function viewSourceOf(subject: Entity) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <TestApiProvider
      apis={[
        [
          scmIntegrationsApiRef,
          ScmIntegrationsApi.fromConfig(
            new ConfigReader({
              integrations: { github: [{ host: 'github.com' }] },
            }),
          ),
        ],
      ]}
    >
      <EntityProvider entity={subject}>{children}</EntityProvider>
    </TestApiProvider>
  );
  return renderHook(() => useViewSourceIconLinkProps(), { wrapper }).result
    .current;
}

describe('View Source', () => {
  it('opens the read-only view of a local repository', () => {
    const props = viewSourceOf(
      entity({
        'backstage.io/source-location': 'file:/srv/repos/orders/',
        'backstage.io/view-url': VIEW,
      }),
    );
    expect(props).toMatchObject({
      label: 'View Source',
      disabled: false,
      href: VIEW,
    });
  });

  it('keeps the catalog’s link for a url source location', () => {
    const props = viewSourceOf(
      entity({
        'backstage.io/source-location':
          'url:https://github.com/acme/orders/tree/main/',
        'backstage.io/view-url': VIEW,
      }),
    );
    expect(props.href).toBe('https://github.com/acme/orders/tree/main/');
  });

  it('is disabled without any usable location', () => {
    expect(viewSourceOf(entity({})).disabled).toBe(true);
  });
});

describe('AuthCookieRefresh', () => {
  it('asks the checklist backend for the auth cookie and shows the app meanwhile', async () => {
    const fetch = jest.fn(
      async () =>
        new Response(
          JSON.stringify({
            expiresAt: new Date(Date.now() + 3600_000).toISOString(),
          }),
          { headers: { 'content-type': 'application/json' } },
        ),
    );
    render(
      <TestApiProvider
        apis={[
          [fetchApiRef, { fetch }],
          [
            discoveryApiRef,
            {
              getBaseUrl: async (pluginId: string) =>
                `http://localhost:7007/api/${pluginId}`,
            },
          ],
        ]}
      >
        <AuthCookieRefresh>
          <p>the app</p>
        </AuthCookieRefresh>
      </TestApiProvider>,
    );
    expect(screen.getByText('the app')).toBeInTheDocument();
    await waitFor(() =>
      expect(fetch).toHaveBeenCalledWith(
        'http://localhost:7007/api/fastapi-checklist/.backstage/auth/v1/cookie',
        { credentials: 'include' },
      ),
    );
  });
});
