import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ResponseError } from '@backstage/errors';
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
import {
  type EntityChecklist,
  type EntityUpgrade,
  fastapiChecklistRefreshPermission,
  type UpgradeChange,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FastapiChecklistApi, fastapiChecklistApiRef } from '../../api';
import { EntityFastapiChecklistCard } from './EntityFastapiChecklistCard';
import { upgradeTemplateRouteRef } from '../../routes';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'orders-api',
    namespace: 'default',
    annotations: {
      'fastapi-golden-path/checklist': 'enabled',
      'fastapi-golden-path/template': 'fastapi-service@0.1.0',
      'backstage.io/source-location':
        'url:https://github.com/acme/orders-api/tree/main/',
    },
  },
  spec: {
    type: 'service',
    owner: 'group:default/team-a',
    lifecycle: 'production',
  },
};

function checklist(
  score: number,
  authStatus: 'pass' | 'fail',
): EntityChecklist {
  return {
    entityRef: 'component:default/orders-api',
    status: 'ok',
    evaluatedAt: '2026-11-23T10:00:00.000Z',
    template: 'fastapi-service@0.1.0',
    result: {
      score,
      serviceRoots: [''],
      diagnostics: [],
      items: [
        {
          id: 'auth',
          title: 'Mutating routes authenticated',
          status: authStatus,
          severity: 'required',
          summary:
            authStatus === 'pass'
              ? 'All 3 mutating routes are protected.'
              : '1 mutating route is public.',
          evidence:
            authStatus === 'pass'
              ? []
              : [
                  {
                    path: 'app/routers/items.py',
                    line: 12,
                    message: 'POST /items (create_item) has no auth dependency',
                  },
                ],
          remediation: 'Add the current-user dependency.',
          docsUrl: 'https://fastapi.tiangolo.com/tutorial/security/',
        },
        {
          id: 'health',
          title: 'Health endpoint',
          status: 'pass',
          severity: 'required',
          summary: 'Health route GET /health.',
          evidence: [],
          remediation: 'Add /health.',
          docsUrl: 'https://fastapi.tiangolo.com/',
        },
      ],
    },
  };
}

function renderCard(
  api: Partial<FastapiChecklistApi>,
  options: {
    entity?: Entity;
    templateVersion?: string;
    permissions?: PermissionApi;
  } = {},
) {
  const template = {
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: {
      name: 'fastapi-service',
      namespace: 'default',
      annotations: {
        'fastapi-golden-path/version': options.templateVersion ?? '0.1.0',
      },
    },
    spec: {},
  };
  return renderInTestApp(
    <TestApiProvider
      apis={[
        // no upgrade change unless the test gives one
        [
          fastapiChecklistApiRef,
          { getEntityUpgrade: jest.fn().mockResolvedValue({}), ...api },
        ],
        [permissionApiRef, options.permissions ?? mockApis.permission()],
        [catalogApiRef, catalogApiMock({ entities: [template as Entity] })],
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
      <EntityProvider entity={options.entity ?? entity}>
        <EntityFastapiChecklistCard />
      </EntityProvider>
    </TestApiProvider>,
    // where the app binds the scaffolder's template page
    {
      mountedRoutes: {
        '/create/templates/:namespace/:templateName': upgradeTemplateRouteRef,
      },
    },
  );
}

// The material-table and MUI renders take seconds on a loaded 2-core CI machine.
jest.setTimeout(30_000);

describe('EntityFastapiChecklistCard', () => {
  it('shows the score, each check, and evidence linked to the source with its fix', async () => {
    await renderCard({
      getEntityChecklist: jest.fn().mockResolvedValue(checklist(50, 'fail')),
    });
    expect(await screen.findByText('Production readiness')).toBeInTheDocument();
    expect(screen.getByTestId('checklist-score')).toHaveTextContent('50');
    expect(
      screen.getByText('Mutating routes authenticated'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('fail')).toBeInTheDocument();
    expect(screen.getAllByLabelText('pass')).toHaveLength(1);
    const link = screen.getByRole('link', {
      name: /^app\/routers\/items\.py:12/,
    });
    expect(link).toHaveAttribute(
      'href',
      'https://github.com/acme/orders-api/tree/main/app/routers/items.py#L12',
    );
    expect(
      screen.getByText(/Add the current-user dependency\./),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/from fastapi-service@0\.1\.0/),
    ).toBeInTheDocument();
    // Passing checks show no remediation.
    expect(screen.queryByText('Add /health.')).not.toBeInTheDocument();
  });

  it('shows the level, what the next one needs, a waived check with its waiver, both scores and the waiver problems', async () => {
    const base = checklist(50, 'fail');
    const [auth, health] = base.result!.items;
    await renderCard({
      getEntityChecklist: jest.fn().mockResolvedValue({
        ...base,
        level: {
          level: 'Silver',
          next: {
            name: 'Gold',
            missing: [
              {
                id: 'security-headers',
                title: 'Security headers',
                status: 'fail',
              },
              { id: 'ci', title: 'CI runs the tests', status: 'warn' },
            ],
          },
        },
        result: {
          ...base.result!,
          score: 100,
          scoreWithoutWaivers: 50,
          items: [
            {
              ...auth,
              status: 'waived',
              waiver: {
                reason: 'Internal network only until Q1',
                expires: '2027-01-31',
                approvedBy: 'group:default/platform',
                line: 2,
                realStatus: 'fail',
              },
            },
            health,
          ],
          waivers: {
            path: '.golden-path/waivers.yaml',
            waivers: [],
            problems: [],
          },
          waiverNotes: [
            {
              message: 'Waiver 2 (cors) lacks a reason: not applied.',
              line: 6,
              check: 'cors',
            },
          ],
        },
      } satisfies EntityChecklist),
    });
    expect(await screen.findByTestId('checklist-level')).toHaveTextContent(
      'Level: Silver',
    );
    expect(screen.getByLabelText('Missing for Gold')).toHaveTextContent(
      'For Gold: Security headers, CI runs the tests',
    );
    expect(screen.getByTestId('score-without-waivers')).toHaveTextContent(
      '100, or 50 without waivers',
    );
    const row = screen.getByTestId('check-auth');
    expect(within(row).getByLabelText('waived')).toBeInTheDocument();
    expect(within(row).getByText('Waived')).toBeInTheDocument();
    expect(within(row).getByTestId('waiver')).toHaveTextContent(
      'Waived until 2027-01-31 by group:default/platform: Internal network only until Q1 (really fail)',
    );
    // still to fix, later: the evidence and the remediation stay
    expect(
      within(row).getByText(/Add the current-user dependency\./),
    ).toBeInTheDocument();
    const problems = screen.getByRole('region', { name: 'Waiver problems' });
    expect(problems).toHaveTextContent(
      'Waiver 2 (cors) lacks a reason: not applied.',
    );
    expect(
      within(problems).getByRole('link', {
        name: /^\.golden-path\/waivers\.yaml:6/,
      }),
    ).toHaveAttribute(
      'href',
      'https://github.com/acme/orders-api/tree/main/.golden-path/waivers.yaml#L6',
    );
  });

  it('says when a service reaches no level yet, and shows one score without waivers', async () => {
    await renderCard({
      getEntityChecklist: jest.fn().mockResolvedValue({
        ...checklist(50, 'fail'),
        level: {
          level: null,
          next: {
            name: 'Bronze',
            missing: [
              {
                id: 'auth',
                title: 'Mutating routes authenticated',
                status: 'fail',
              },
            ],
          },
        },
      }),
    });
    expect(await screen.findByTestId('checklist-level')).toHaveTextContent(
      'Level: none yet',
    );
    expect(screen.getByLabelText('Missing for Bronze')).toHaveTextContent(
      'For Bronze: Mutating routes authenticated',
    );
    expect(
      screen.queryByTestId('score-without-waivers'),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('region', { name: 'Waiver problems' }),
    ).not.toBeInTheDocument();
  });

  it('re-checks on demand and shows the new result', async () => {
    const refreshEntityChecklist = jest
      .fn()
      .mockResolvedValue(checklist(100, 'pass'));
    await renderCard({
      getEntityChecklist: jest.fn().mockResolvedValue(checklist(50, 'fail')),
      refreshEntityChecklist,
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Re-check' }),
    );
    await waitFor(() =>
      expect(screen.getByTestId('checklist-score')).toHaveTextContent('100'),
    );
    expect(refreshEntityChecklist).toHaveBeenCalledWith({
      kind: 'Component',
      namespace: 'default',
      name: 'orders-api',
    });
  });

  it('waits out the re-check interval the backend names before offering Re-check', async () => {
    const refreshEntityChecklist = jest
      .fn()
      .mockResolvedValue(checklist(100, 'pass'));
    await renderCard({
      getEntityChecklist: jest.fn().mockResolvedValue({
        ...checklist(50, 'fail'),
        refreshAvailableAt: new Date(Date.now() + 2_000).toISOString(),
      }),
      refreshEntityChecklist,
    });
    const button = await screen.findByRole('button', { name: 'Re-check' });
    expect(button).toBeDisabled();
    expect(
      screen.getByText(/^Checked moments ago; re-check in [12] s$/),
    ).toBeInTheDocument();
    // the countdown ends and the button comes back by itself
    await waitFor(() => expect(button).toBeEnabled(), { timeout: 10_000 });
    expect(screen.queryByText(/re-check in/)).not.toBeInTheDocument();
    await userEvent.click(button);
    await waitFor(() =>
      expect(screen.getByTestId('checklist-score')).toHaveTextContent('100'),
    );
    expect(refreshEntityChecklist).toHaveBeenCalledTimes(1);
  });

  it('keeps the last re-checked result next to the error of a failed re-check', async () => {
    await renderCard({
      getEntityChecklist: jest.fn().mockResolvedValue(checklist(50, 'fail')),
      refreshEntityChecklist: jest
        .fn()
        .mockResolvedValueOnce(checklist(100, 'pass'))
        .mockRejectedValueOnce(new Error('The backend is down')),
    });
    const button = await screen.findByRole('button', { name: 'Re-check' });
    await userEvent.click(button);
    await waitFor(() =>
      expect(screen.getByTestId('checklist-score')).toHaveTextContent('100'),
    );
    await userEvent.click(button);
    expect(
      (await screen.findAllByText(/The backend is down/)).length,
    ).toBeGreaterThan(0);
    expect(screen.getByTestId('checklist-score')).toHaveTextContent('100');
    expect(screen.getByRole('button', { name: 'Re-check' })).toBeEnabled();
  });

  it('keeps status icons on the title line and Re-check inside the card', async () => {
    await renderCard({
      getEntityChecklist: jest.fn().mockResolvedValue(checklist(50, 'fail')),
    });
    const row = await screen.findByTestId('check-auth');
    // icon and title share one flex row: the icon is no block of its own above the title
    const title = within(row).getByTestId('check-title');
    expect(title).toHaveStyle({ display: 'flex' });
    expect(within(title).getByLabelText('fail')).toBeInTheDocument();
    expect(
      within(title).getByText('Mutating routes authenticated'),
    ).toBeInTheDocument();
    // Re-check is in the card's body (the header's action slot clipped it)
    const card = screen
      .getByText('Production readiness')
      .closest('.MuiCard-root')!;
    const button = within(card as HTMLElement).getByRole('button', {
      name: 'Re-check',
    });
    expect(button.closest('.MuiCardHeader-action')).toBeNull();
    expect(button.closest('.MuiCardContent-root')).not.toBeNull();
    // the score keeps the gauge's height (stretched along the list, it reached below the window)
    expect(screen.getByTestId('checklist-score').parentElement).toHaveStyle({
      alignItems: 'flex-start',
    });
  });

  it('shows skipped files and every evidence count in plain sight', async () => {
    const result = checklist(50, 'fail');
    result.result!.diagnostics = [
      { path: 'app/broken.py', message: 'not valid Python (line 3)' },
    ];
    result.result!.items[0].evidence = Array.from({ length: 12 }, (_, i) => ({
      path: 'app/routers/items.py',
      line: i + 1,
      message: `route ${i + 1}`,
    }));
    await renderCard({
      getEntityChecklist: jest.fn().mockResolvedValue(result),
    });
    const skipped = await screen.findByRole('region', {
      name: 'Skipped files',
    });
    expect(skipped).toBeVisible();
    expect(within(skipped).getByText('app/broken.py')).toBeVisible();
    expect(
      within(skipped).getByText(/not valid Python \(line 3\)/),
    ).toBeVisible();
    expect(screen.getByText('and 2 more')).toBeVisible();
  });

  it('links evidence of a local repository to its read-only view, at the line', async () => {
    const local: Entity = {
      ...entity,
      metadata: {
        ...entity.metadata,
        annotations: {
          ...entity.metadata.annotations,
          'backstage.io/source-location': 'file:/srv/repos/orders-api/',
          'backstage.io/view-url':
            'http://localhost:7007/api/fastapi-checklist/local/orders-api/',
        },
      },
    };
    await renderCard(
      {
        getEntityChecklist: jest.fn().mockResolvedValue(checklist(50, 'fail')),
      },
      { entity: local },
    );
    expect(
      await screen.findByRole('link', { name: /^app\/routers\/items\.py:12/ }),
    ).toHaveAttribute(
      'href',
      'http://localhost:7007/api/fastapi-checklist/local/orders-api/app/routers/items.py#L12',
    );
  });

  it('explains an unreachable repository instead of crashing', async () => {
    await renderCard({
      getEntityChecklist: jest.fn().mockResolvedValue({
        entityRef: 'component:default/orders-api',
        status: 'error',
        error:
          'Request failed for https://github.com/acme/orders-api, 404 Not Found',
        evaluatedAt: '2026-11-23T10:00:00.000Z',
      }),
    });
    expect(
      await screen.findByText(/The repository could not be checked/),
    ).toBeInTheDocument();
    expect(screen.getByText(/404 Not Found/)).toBeInTheDocument();
    // the reason is shown, not collapsed behind the panel's title
    expect(screen.getByText(/404 Not Found/)).toBeVisible();
  });

  it('shows the backend error in a ResponseErrorPanel', async () => {
    const response = new Response(
      JSON.stringify({
        error: { name: 'NotFoundError', message: 'No entity' },
      }),
      {
        status: 404,
        statusText: 'Not Found',
        headers: { 'content-type': 'application/json' },
      },
    );
    const error = await ResponseError.fromResponse(response as any);
    await renderCard({
      getEntityChecklist: jest.fn().mockRejectedValue(error),
    });
    expect((await screen.findAllByText(/No entity/)).length).toBeGreaterThan(0);
    expect(screen.queryByText('Production readiness')).not.toBeInTheDocument();
  });

  it('asks for the annotation on entities without it', async () => {
    const plain = {
      ...entity,
      metadata: { name: 'plain', namespace: 'default' },
    };
    const getEntityChecklist = jest.fn();
    await renderCard({ getEntityChecklist }, { entity: plain });
    expect(
      (await screen.findAllByText(/fastapi-golden-path\/checklist/)).length,
    ).toBeGreaterThan(0);
    expect(getEntityChecklist).not.toHaveBeenCalled();
  });

  it('offers the upgrade to a newer golden-path template, the service picked', async () => {
    await renderCard(
      {
        getEntityChecklist: jest.fn().mockResolvedValue(checklist(50, 'fail')),
      },
      { templateVersion: '0.2.0' },
    );
    const note = await screen.findByRole('note');
    expect(note).toHaveTextContent('Golden path 0.1.0 → 0.2.0 available.');
    const link = within(note).getByRole('link', {
      name: 'Upgrade as a reviewable change',
    });
    const url = new URL(link.getAttribute('href')!, 'http://localhost');
    expect(url.pathname).toBe(
      '/create/templates/default/fastapi-service-upgrade',
    );
    expect(JSON.parse(url.searchParams.get('formData')!)).toEqual({
      entity: 'component:default/orders-api',
    });
  });

  it('opens the upgrade form with the answers read from a repository that records none, and says where each came from', async () => {
    await renderCard(
      {
        getEntityChecklist: jest.fn().mockResolvedValue(checklist(50, 'fail')),
        getEntityUpgrade: jest.fn().mockResolvedValue({
          version: '0.1.0',
          latest: '0.2.0',
          inferredAnswers: {
            // the catalog entry's: the upgrade reads them from the entity, not the form
            name: { value: 'orders-api', path: 'catalog-info.yaml', line: 4 },
            createdFrom: { value: '0.1.0', path: 'catalog-info.yaml', line: 9 },
            database: { value: 'postgresql', path: 'app/config.py', line: 30 },
            websockets: { value: false, path: 'app/main.py', line: 45 },
            corsOrigins: { value: [], path: 'app/config.py', line: 32 },
            workers: { value: 3, path: 'Dockerfile', line: 51 },
          },
        } satisfies EntityUpgrade),
      },
      { templateVersion: '0.2.0' },
    );
    const link = await screen.findByRole('link', {
      name: 'Upgrade as a reviewable change',
    });
    await waitFor(() =>
      expect(
        JSON.parse(
          new URL(
            link.getAttribute('href')!,
            'http://localhost',
          ).searchParams.get('formData')!,
        ),
      ).toEqual({
        entity: 'component:default/orders-api',
        createdFrom: '0.1.0',
        database: 'postgresql',
        websockets: false,
        corsOrigins: [],
        workers: 3,
      }),
    );
    expect(screen.getByTestId('inferred-answers')).toHaveTextContent(
      'The form opens with the answers read from the repository: createdFrom "0.1.0" (catalog-info.yaml:9), database "postgresql" (app/config.py:30), websockets false (app/main.py:45), corsOrigins [] (app/config.py:32), workers 3 (Dockerfile:51).',
    );
  });

  describe('the upgrade change', () => {
    const withChange = (upgrade: EntityUpgrade) => ({
      getEntityChecklist: jest.fn().mockResolvedValue(checklist(50, 'fail')),
      getEntityUpgrade: jest.fn().mockResolvedValue(upgrade),
    });
    const local: UpgradeChange = {
      target: 'local',
      state: 'open',
      branch: 'golden-path/upgrade-0.2.0',
      repository: 'orders-api',
      url: 'http://localhost:7007/api/fastapi-checklist/local/orders-api/',
      conflicts: [],
    };
    const pullRequest: UpgradeChange = {
      target: 'github',
      state: 'conflicts',
      branch: 'golden-path/upgrade-0.2.0',
      url: 'https://github.com/acme/orders-api/pull/7',
      number: 7,
      conflicts: ['Dockerfile', 'app/main.py'],
    };

    it("links the local branch's repository and says the change is open, instead of offering another", async () => {
      const api = withChange({
        version: '0.1.0',
        latest: '0.2.0',
        change: local,
      });
      await renderCard(api, { templateVersion: '0.2.0' });
      const note = await screen.findByTestId('upgrade-change');
      expect(note).toHaveTextContent(
        'Upgrade to the golden path 0.2.0: open for review. Branch golden-path/upgrade-0.2.0 of the local repository orders-api',
      );
      expect(
        within(note).getByRole('link', { name: /^orders-api/ }),
      ).toHaveAttribute('href', local.url);
      expect(screen.queryByText(/available/)).toBeNull();
      expect(api.getEntityUpgrade).toHaveBeenCalledWith({
        kind: 'Component',
        namespace: 'default',
        name: 'orders-api',
      });
    });

    it('links the pull request and lists the conflicts to resolve', async () => {
      await renderCard(
        withChange({ version: '0.1.0', latest: '0.2.0', change: pullRequest }),
        { templateVersion: '0.2.0' },
      );
      const note = await screen.findByTestId('upgrade-change');
      expect(note).toHaveTextContent(
        /^Upgrade to the golden path 0\.2\.0: open, with conflicts to resolve\. Pull request #7(, Opens in a new window)?\. Conflicts in Dockerfile, app\/main\.py$/,
      );
      expect(
        within(note).getByRole('link', { name: /^Pull request #7/ }),
      ).toHaveAttribute('href', pullRequest.url);
    });

    it('says the change was merged', async () => {
      await renderCard(
        withChange({
          version: '0.2.0',
          latest: '0.2.0',
          change: { ...local, state: 'merged' },
        }),
        {
          templateVersion: '0.2.0',
          entity: {
            ...entity,
            metadata: {
              ...entity.metadata,
              annotations: {
                ...entity.metadata.annotations,
                'fastapi-golden-path/template': 'fastapi-service@0.2.0',
              },
            },
          },
        },
      );
      expect(await screen.findByTestId('upgrade-change')).toHaveTextContent(
        'Upgrade to the golden path 0.2.0: merged.',
      );
      expect(screen.queryByText(/available/)).toBeNull();
    });

    it('offers the upgrade again beside a pull request closed without merging', async () => {
      await renderCard(
        withChange({
          version: '0.1.0',
          latest: '0.2.0',
          change: { ...pullRequest, state: 'closed', conflicts: [] },
        }),
        { templateVersion: '0.2.0' },
      );
      expect(await screen.findByTestId('upgrade-change')).toHaveTextContent(
        'closed without merging',
      );
      expect(
        screen.getByRole('link', { name: 'Upgrade as a reviewable change' }),
      ).toBeInTheDocument();
    });

    it('says why the change could not be read, and still offers the upgrade', async () => {
      await renderCard(
        withChange({
          version: '0.1.0',
          latest: '0.2.0',
          changeError: 'GitHub said 401',
        }),
        { templateVersion: '0.2.0' },
      );
      expect(
        await screen.findByText('Upgrade as a reviewable change'),
      ).toBeInTheDocument();
      expect(
        screen.getByText(
          'The upgrade change could not be read: GitHub said 401',
        ),
      ).toBeInTheDocument();
      expect(screen.queryByTestId('upgrade-change')).toBeNull();
    });
  });

  it('says nothing of upgrades when the service is on the current template', async () => {
    await renderCard({
      getEntityChecklist: jest.fn().mockResolvedValue(checklist(50, 'fail')),
    });
    await screen.findByText(/50/);
    expect(screen.queryByText(/available/)).toBeNull();
  });

  it('offers Re-check to users the policy lets refresh the entity', async () => {
    // usePermission caches each decision by its request: an entity no earlier test
    // rendered, so this policy is really asked.
    const inventory = {
      ...entity,
      metadata: { ...entity.metadata, name: 'inventory-api' },
    };
    const decide = jest.fn(() => AuthorizeResult.ALLOW);
    await renderCard(
      {
        getEntityChecklist: jest.fn().mockResolvedValue(checklist(50, 'fail')),
      },
      {
        entity: inventory,
        permissions: mockApis.permission({ authorize: decide }),
      },
    );
    expect(
      await screen.findByRole('button', { name: 'Re-check' }),
    ).toBeEnabled();
    expect(decide).toHaveBeenCalledWith({
      permission: fastapiChecklistRefreshPermission,
      resourceRef: 'component:default/inventory-api',
    });
  });

  it('hides Re-check when the policy denies refresh', async () => {
    // usePermission caches each decision by its request, so this case has an entity
    // of its own rather than one an earlier test saw allowed.
    const payments = {
      ...entity,
      metadata: { ...entity.metadata, name: 'payments-api' },
    };
    const decide = jest.fn(() => AuthorizeResult.DENY);
    await renderCard(
      {
        getEntityChecklist: jest.fn().mockResolvedValue(checklist(50, 'fail')),
      },
      {
        entity: payments,
        permissions: mockApis.permission({ authorize: decide }),
      },
    );
    expect(await screen.findByTestId('checklist-score')).toHaveTextContent(
      '50',
    );
    await waitFor(() =>
      expect(decide).toHaveBeenCalledWith({
        permission: fastapiChecklistRefreshPermission,
        resourceRef: 'component:default/payments-api',
      }),
    );
    expect(
      screen.queryByRole('button', { name: 'Re-check' }),
    ).not.toBeInTheDocument();
  });
});
