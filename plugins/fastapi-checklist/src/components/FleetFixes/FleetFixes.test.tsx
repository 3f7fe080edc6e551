import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { scaffolderApiRef } from '@backstage/plugin-scaffolder-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type {
  FleetFixes as FleetFixesAnswer,
  FleetFixRow,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fastapiChecklistApiRef } from '../../api';
import { scaffolderTaskRouteRef } from '../../routes';
import { FleetFixes } from './FleetFixes';

const failing = (
  name: string,
  extra: Partial<FleetFixRow> = {},
): FleetFixRow => ({
  entityRef: `component:default/${name}`,
  title: name,
  template: 'fastapi-service',
  status: 'warn',
  ...extra,
});

const CHECKS = [
  { id: 'health', services: 0 },
  { id: 'dockerfile', services: 5 },
  { id: 'logging', services: 1 },
];

/** GET /fixes as the backend answers it for a caller who may fix five services. */
async function fleetFixes(check?: string): Promise<FleetFixesAnswer> {
  if (check !== 'dockerfile')
    return { checks: CHECKS, rows: [], notOffered: 0 };
  return {
    checks: CHECKS,
    check,
    rows: [
      failing('alpha'),
      failing('bravo', { status: 'fail' }),
      failing('charlie'),
      failing('delta', { template: undefined }),
      failing('echo'),
    ],
    notOffered: 2,
  };
}

/** A scaffolder whose tasks end when the test says, through their event streams. */
function scaffolder() {
  const observers = new Map<string, { next: (event: object) => void }>();
  let started = 0;
  const api = {
    getTemplateParameterSchema: jest.fn(async () => ({
      title: 'Fix readiness checks',
      steps: [
        {
          title: 'Service and checks',
          schema: {
            properties: {
              entity: { type: 'string' },
              checks: { type: 'array' },
            },
          },
        },
      ],
    })),
    scaffold: jest.fn(async (_request: { values: { entity: string } }) => {
      started += 1;
      return { taskId: `task-${started}` };
    }),
    streamLogs: jest.fn(({ taskId }: { taskId: string }) => ({
      subscribe: (observer: { next: (event: object) => void }) => {
        observers.set(taskId, observer);
        return { unsubscribe: () => observers.delete(taskId) };
      },
    })),
  };
  /** Ends a task with the scaffolder backend's completion event. */
  const end = (taskId: string, body: object) =>
    act(() =>
      observers.get(taskId)!.next({
        type: 'completion',
        taskId,
        id: 1,
        createdAt: '2026-11-30T08:00:00Z',
        body: { message: 'Run completed', ...body },
      }),
    );
  return { api, end, following: () => [...observers.keys()] };
}

function renderFixes(
  answer: (check?: string) => Promise<FleetFixesAnswer>,
  scaffolderApi?: object,
  concurrency?: number,
) {
  const getFleetFixes = jest.fn(answer);
  const apis: [any, any][] = [[fastapiChecklistApiRef, { getFleetFixes }]];
  if (scaffolderApi) apis.push([scaffolderApiRef, scaffolderApi]);
  return {
    getFleetFixes,
    rendered: renderInTestApp(
      <TestApiProvider apis={apis as any}>
        <FleetFixes concurrency={concurrency} />
      </TestApiProvider>,
      {
        mountedRoutes: {
          '/catalog/:namespace/:kind/:name': entityRouteRef,
          '/create/tasks/:taskId': scaffolderTaskRouteRef,
        },
      },
    ),
  };
}

async function chooseCheck(label: string) {
  await userEvent.click(
    await screen.findByRole('button', { name: /Choose a check/ }),
  );
  // only the checks some service fails or warns are offered
  expect(screen.queryByRole('option', { name: /Health/ })).toBeNull();
  await userEvent.click(await screen.findByRole('option', { name: label }));
}

const rowOf = (name: string) =>
  screen
    .getByRole('checkbox', { name: `Select component:default/${name}` })
    .closest('tr')!;

// The MUI renders take seconds on a loaded 2-core CI machine.
jest.setTimeout(60_000);

describe('FleetFixes', () => {
  it('opens fix changes for the selected services, `concurrency` running at a time, each followed to its change', async () => {
    const { api, end, following } = scaffolder();
    const { getFleetFixes, rendered } = renderFixes(fleetFixes, api, 2);
    await rendered;
    await chooseCheck('Dockerfile hardened (5)');
    expect(getFleetFixes).toHaveBeenLastCalledWith('dockerfile');

    // every service failing or warning it, all selected
    expect(await screen.findByTestId('fix-not-offered')).toHaveTextContent(
      '2 more services fail or warn Dockerfile hardened, but you may not re-check them',
    );
    for (const name of ['alpha', 'bravo', 'charlie', 'delta', 'echo'])
      expect(
        within(rowOf(name)).getByRole('checkbox', { name: /Select/ }),
      ).toBeChecked();
    expect(within(rowOf('bravo')).getByText('fail')).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('checkbox', {
        name: 'Select component:default/charlie',
      }),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Open fix changes (4)' }),
    );

    // two tasks run; the others wait for one of them to end
    await waitFor(() => expect(api.scaffold).toHaveBeenCalledTimes(2));
    expect(api.scaffold).toHaveBeenCalledWith({
      templateRef: 'template:default/fastapi-service-fix',
      values: { entity: 'component:default/alpha', checks: ['dockerfile'] },
    });
    await waitFor(() => expect(following()).toEqual(['task-1', 'task-2']));
    expect(api.getTemplateParameterSchema).toHaveBeenCalledTimes(1);
    expect(
      within(rowOf('alpha')).getByRole('link', { name: 'task started' }),
    ).toHaveAttribute('href', '/create/tasks/task-1');
    expect(within(rowOf('echo')).getByText('queued')).toBeInTheDocument();
    expect(screen.getByTestId('fix-progress')).toHaveTextContent(
      '0 of 4 fix tasks finished',
    );
    expect(
      screen.getByRole('button', { name: /Open fix changes/ }),
    ).toBeDisabled();

    // alpha's pull request: delta (no template) fails at once, echo starts
    await end('task-1', {
      output: {
        links: [
          {
            title: 'Pull request',
            url: 'https://github.com/acme/alpha/pull/7',
          },
          { title: 'Service', entityRef: 'component:default/alpha' },
        ],
      },
    });
    await waitFor(() => expect(api.scaffold).toHaveBeenCalledTimes(3));
    expect(
      within(rowOf('alpha')).getByRole('link', { name: /^pull request/ }),
    ).toHaveAttribute('href', 'https://github.com/acme/alpha/pull/7');
    expect(
      within(rowOf('alpha')).getByRole('link', { name: 'task finished' }),
    ).toHaveAttribute('href', '/create/tasks/task-1');
    expect(
      within(rowOf('delta')).getByText(
        'The service does not say which template made it',
      ),
    ).toBeInTheDocument();
    expect(api.scaffold.mock.calls.map(([r]) => r.values.entity)).toEqual([
      'component:default/alpha',
      'component:default/bravo',
      'component:default/echo',
    ]);

    // bravo's branch of its local repository; echo's task fails
    await end('task-2', { output: { branch: 'golden-path/fix-dockerfile' } });
    await waitFor(() => expect(following()).toEqual(['task-3']));
    await end('task-3', {
      error: { name: 'Error', message: 'No fix could be applied' },
    });
    await waitFor(() =>
      expect(screen.getByTestId('fix-progress')).toHaveTextContent(
        '4 of 4 fix tasks finished',
      ),
    );
    expect(rowOf('bravo')).toHaveTextContent(
      'task finished: branch golden-path/fix-dockerfile',
    );
    expect(
      within(rowOf('echo')).getByRole('link', { name: 'task failed' }),
    ).toHaveAttribute('href', '/create/tasks/task-3');
    expect(
      within(rowOf('echo')).getByText('No fix could be applied'),
    ).toBeInTheDocument();
    // charlie was left out
    expect(api.scaffold).toHaveBeenCalledTimes(3);
    expect(rowOf('charlie')).not.toHaveTextContent(/task|queued/);
  });

  it('says so when the caller may fix no service that fails or warns a fixable check', async () => {
    await renderFixes(async () => ({
      checks: CHECKS.map(c => ({ ...c, services: 0 })),
      rows: [],
      notOffered: 0,
    })).rendered;
    expect(
      await screen.findByText(
        'No service you may fix fails or warns a check with an automatic fix.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Choose a check/ })).toBeNull();
  });

  it('lists the services without a scaffolder, but offers no action', async () => {
    await renderFixes(fleetFixes).rendered;
    await chooseCheck('Dockerfile hardened (5)');
    await screen.findByRole('checkbox', {
      name: 'Select component:default/alpha',
    });
    expect(
      screen.queryByRole('button', { name: /Open fix changes/ }),
    ).toBeNull();
  });
});
