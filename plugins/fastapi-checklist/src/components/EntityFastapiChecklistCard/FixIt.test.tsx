import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import {
  ScmIntegrationsApi,
  scmIntegrationsApiRef,
} from '@backstage/integration-react';
import { catalogApiRef, EntityProvider } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  permissionApiRef,
  type PermissionApi,
} from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import type {
  CheckResult,
  EntityChecklist,
  FixPreview,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FastapiChecklistApi, fastapiChecklistApiRef } from '../../api';
import { fixTemplateRouteRef, upgradeTemplateRouteRef } from '../../routes';
import { EntityFastapiChecklistCard } from './EntityFastapiChecklistCard';

/** A service of its own per test: usePermission caches decisions by entity. */
const serviceNamed = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: {
      'fastapi-golden-path/checklist': 'enabled',
      'fastapi-golden-path/template': 'fastapi-service@0.1.0',
      'backstage.io/source-location': `url:https://github.com/acme/${name}/tree/main/`,
    },
  },
  spec: {
    type: 'service',
    owner: 'group:default/team-a',
    lifecycle: 'production',
  },
});

const check = (
  id: string,
  title: string,
  status: CheckResult['status'],
): CheckResult => ({
  id: id as CheckResult['id'],
  title,
  status,
  severity: 'required',
  summary: `${title}: ${status}`,
  evidence: [],
  remediation: `Fix ${id}.`,
  docsUrl: 'https://fastapi.tiangolo.com/',
});

/** dockerfile warns and exception-handlers fails (both fixable); auth fails without a fix. */
const checklist: EntityChecklist = {
  entityRef: 'component:default/orders-api',
  status: 'ok',
  evaluatedAt: '2026-11-23T10:00:00.000Z',
  template: 'fastapi-service@0.1.0',
  result: {
    score: 60,
    serviceRoots: [''],
    diagnostics: [],
    items: [
      check('auth', 'Mutating routes authenticated', 'fail'),
      check('dockerfile', 'Dockerfile hardened', 'warn'),
      check('exception-handlers', 'Exception handlers', 'fail'),
      check('health', 'Health endpoint', 'pass'),
    ],
  },
  fixable: ['dockerfile', 'exception-handlers'],
};

const DOCKERFILE_DIFF = [
  '--- a/Dockerfile',
  '+++ b/Dockerfile',
  '@@ -3,3 +3,6 @@',
  ' COPY app ./app',
  '+RUN groupadd --system --gid 10001 app \\',
  '+    && useradd --system --uid 10001 --gid app --no-log-init --no-create-home app',
  '+USER 10001:10001',
  ' CMD ["fastapi", "run", "app/main.py"]',
  '',
].join('\n');

const dockerfilePreview: FixPreview = {
  files: [{ path: 'Dockerfile', deleted: false, diff: DOCKERFILE_DIFF }],
  fixed: [{ id: 'dockerfile', from: 'warn', to: 'pass' }],
  refusals: [],
};

function renderCard(
  entity: Entity,
  api: Partial<FastapiChecklistApi>,
  permissions: PermissionApi = mockApis.permission(),
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [
          fastapiChecklistApiRef,
          {
            getEntityChecklist: jest.fn().mockResolvedValue(checklist),
            getEntityUpgrade: jest.fn().mockResolvedValue({}),
            ...api,
          },
        ],
        [permissionApiRef, permissions],
        [catalogApiRef, catalogApiMock({ entities: [] })],
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
      <EntityProvider entity={entity}>
        <EntityFastapiChecklistCard />
      </EntityProvider>
    </TestApiProvider>,
    // where the app binds the scaffolder's template page
    {
      mountedRoutes: {
        '/create/templates/:namespace/:templateName': fixTemplateRouteRef,
        '/create/upgrade/:namespace/:templateName': upgradeTemplateRouteRef,
      },
    },
  );
}

/** The path and formData of the dialog's "Open the change". */
function changeLink(dialog: HTMLElement) {
  const link = within(dialog).getByRole('button', { name: 'Open the change' });
  const url = new URL(link.getAttribute('href')!, 'http://localhost');
  return {
    path: url.pathname,
    formData: JSON.parse(url.searchParams.get('formData')!),
  };
}

// MUI renders take seconds on a loaded 2-core CI machine.
jest.setTimeout(30_000);

describe('Fix it on the checklist card', () => {
  it('offers Fix it on failing and warning checks with an automatic fix, and Fix all', async () => {
    await renderCard(serviceNamed('orders-api'), {});
    const row = async (id: string) => screen.findByTestId(`check-${id}`);
    expect(
      within(await row('dockerfile')).getByRole('button', { name: 'Fix it' }),
    ).toBeInTheDocument();
    expect(
      within(await row('exception-handlers')).getByRole('button', {
        name: 'Fix it',
      }),
    ).toBeInTheDocument();
    // failing without a fix, and passing: nothing to click
    expect(
      within(await row('auth')).queryByRole('button', { name: 'Fix it' }),
    ).not.toBeInTheDocument();
    expect(
      within(await row('health')).queryByRole('button', { name: 'Fix it' }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Fix all (2)' }),
    ).toBeInTheDocument();
  });

  it('hides Fix it and Fix all when the policy denies refresh', async () => {
    const decide = jest.fn(() => AuthorizeResult.DENY);
    await renderCard(
      serviceNamed('payments-api'),
      {},
      mockApis.permission({ authorize: decide }),
    );
    expect(await screen.findByTestId('check-dockerfile')).toBeInTheDocument();
    await waitFor(() => expect(decide).toHaveBeenCalled());
    expect(
      screen.queryByRole('button', { name: 'Fix it' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /Fix all/ }),
    ).not.toBeInTheDocument();
  });

  it('previews the fix (diff, checks expected to change) and opens the change with the check picked', async () => {
    const previewFix = jest.fn().mockResolvedValue(dockerfilePreview);
    await renderCard(serviceNamed('inventory-api'), { previewFix });
    await userEvent.click(
      within(await screen.findByTestId('check-dockerfile')).getByRole(
        'button',
        { name: 'Fix it' },
      ),
    );
    const dialog = await screen.findByRole('dialog');
    expect(previewFix).toHaveBeenCalledWith(
      { namespace: 'default', kind: 'Component', name: 'inventory-api' },
      ['dockerfile'],
    );
    expect(
      await within(dialog).findByRole('list', {
        name: 'Checks expected to change',
      }),
    ).toHaveTextContent('dockerfile: warn → pass');
    const diff = within(dialog).getByTestId('fix-diff-Dockerfile');
    // CodeSnippet loads its highlighter lazily
    await waitFor(() => expect(diff).toHaveTextContent('+USER 10001:10001'));
    expect(diff).toHaveTextContent('--- a/Dockerfile');
    expect(changeLink(dialog)).toEqual({
      path: '/create/templates/default/fastapi-service-fix',
      formData: {
        entity: 'component:default/inventory-api',
        checks: ['dockerfile'],
      },
    });
  });

  it('fixes all in one change, carrying only the fixes the preview proved, and lists the refusals', async () => {
    const previewFix = jest.fn().mockResolvedValue({
      ...dockerfilePreview,
      refusals: [
        {
          checkId: 'exception-handlers',
          reason: 'no app = FastAPI(...) assignment found',
        },
      ],
    } satisfies FixPreview);
    await renderCard(serviceNamed('billing-api'), { previewFix });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Fix all (2)' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(previewFix).toHaveBeenCalledWith(
      { namespace: 'default', kind: 'Component', name: 'billing-api' },
      ['dockerfile', 'exception-handlers'],
    );
    expect(
      await within(dialog).findByRole('list', {
        name: 'Not fixed automatically',
      }),
    ).toHaveTextContent(
      'exception-handlers: no app = FastAPI(...) assignment found',
    );
    expect(changeLink(dialog).formData).toEqual({
      entity: 'component:default/billing-api',
      checks: ['dockerfile'],
    });
  });

  it('offers no change when no fix applies, and says why', async () => {
    const previewFix = jest.fn().mockResolvedValue({
      files: [],
      fixed: [],
      refusals: [
        { checkId: 'dockerfile', reason: 'the Dockerfile has no CMD' },
      ],
    } satisfies FixPreview);
    await renderCard(serviceNamed('search-api'), { previewFix });
    await userEvent.click(
      within(await screen.findByTestId('check-dockerfile')).getByRole(
        'button',
        { name: 'Fix it' },
      ),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      await within(dialog).findByText('No automatic fix applies to this code.'),
    ).toBeInTheDocument();
    expect(dialog).toHaveTextContent('dockerfile: the Dockerfile has no CMD');
    expect(
      within(dialog).queryByRole('button', { name: 'Open the change' }),
    ).not.toBeInTheDocument();
  });
});
