import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { scaffolderApiRef } from '@backstage/plugin-scaffolder-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type {
  FleetFixes as FleetFixesAnswer,
  FleetFixRow,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fastapiChecklistApiRef } from '../../api';
import { scaffolderTaskRouteRef } from '../../routes';
import { SLOW, taskStreams } from '../bulkTasks/__testUtils__/taskStreams';
import { FleetFixes } from './FleetFixes';

// The cards render a material-table whose accessible names jsdom computes slowly: on a
// busy 2-core machine one query can outlast testing-library's 1 s default wait (the
// concurrency test's "task started" links did, three runs at once beside a CI run).
configure({ asyncUtilTimeout: SLOW });

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
  const { streamLogs, end, following } = taskStreams();
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
    streamLogs,
  };
  return { api, end, following };
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

  it('locks the check and the selection while a run is in progress, and keeps its results with its check', async () => {
    const { api, end, following } = scaffolder();
    const answer = async (check?: string): Promise<FleetFixesAnswer> =>
      check === 'logging'
        ? {
            checks: CHECKS,
            check,
            rows: [failing('foxtrot', { status: 'fail' })],
            notOffered: 0,
          }
        : fleetFixes(check);
    await renderFixes(answer, api, 1).rendered;
    await chooseCheck('Dockerfile hardened (5)');
    await screen.findByRole('checkbox', {
      name: 'Select component:default/alpha',
    });
    for (const name of ['bravo', 'charlie', 'delta', 'echo'])
      await userEvent.click(
        screen.getByRole('checkbox', {
          name: `Select component:default/${name}`,
        }),
      );
    await userEvent.click(
      screen.getByRole('button', { name: 'Open fix changes (1)' }),
    );
    await waitFor(() => expect(following()).toEqual(['task-1']));

    // mid-run: neither the check nor the services can change, and the card says why
    expect(screen.getByTestId('fix-check')).toHaveTextContent(
      'Dockerfile hardened (5)',
    );
    expect(
      screen.getByRole('button', { name: /Dockerfile hardened/ }),
    ).toHaveAttribute('aria-disabled', 'true');
    expect(screen.getByTestId('fix-run-lock')).toHaveTextContent(
      'Fix tasks for Dockerfile hardened are running: the check and the services can be changed when they end.',
    );
    for (const name of ['alpha', 'bravo'])
      expect(
        screen.getByRole('checkbox', {
          name: `Select component:default/${name}`,
        }),
      ).toBeDisabled();
    expect(
      screen.getByRole('checkbox', { name: 'Select every service' }),
    ).toBeDisabled();

    await end('task-1', { output: { branch: 'golden-path/fix-dockerfile' } });
    await waitFor(() =>
      expect(screen.queryByTestId('fix-run-lock')).toBeNull(),
    );
    expect(
      screen.getByRole('button', { name: /Dockerfile hardened/ }),
    ).not.toHaveAttribute('aria-disabled');

    // another check: its own services, none of the run's results
    await userEvent.click(
      screen.getByRole('button', { name: /Dockerfile hardened/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'Logging configured (1)' }),
    );
    await screen.findByRole('checkbox', {
      name: 'Select component:default/foxtrot',
    });
    expect(screen.queryByText(/task finished/)).toBeNull();
    expect(screen.queryByTestId('fix-progress')).toBeNull();

    // back to the check the run was for: its results are there again
    await userEvent.click(
      screen.getByRole('button', { name: /Logging configured/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'Dockerfile hardened (5)' }),
    );
    await waitFor(() =>
      expect(rowOf('alpha')).toHaveTextContent(
        'task finished: branch golden-path/fix-dockerfile',
      ),
    );
    expect(screen.getByTestId('fix-progress')).toHaveTextContent(
      '1 of 1 fix tasks finished',
    );
  });

  it("refreshes the counts and the list once a run ends, keeping each service's result", async () => {
    const { api, end, following } = scaffolder();
    let fixed = false;
    const answer = async (check?: string): Promise<FleetFixesAnswer> => {
      const before = await fleetFixes(check);
      if (!fixed) return before;
      // alpha was fixed and re-checked meanwhile; a waiver lapsed on a service the caller may not fix
      return {
        ...before,
        checks: CHECKS.map(c =>
          c.id === 'dockerfile' ? { ...c, services: 4 } : c,
        ),
        rows: before.rows.filter(row => !row.entityRef.endsWith('/alpha')),
        notOffered: check === 'dockerfile' ? 3 : 0,
      };
    };
    const { getFleetFixes, rendered } = renderFixes(answer, api, 2);
    await rendered;
    await chooseCheck('Dockerfile hardened (5)');
    await screen.findByRole('checkbox', {
      name: 'Select component:default/alpha',
    });
    for (const name of ['charlie', 'delta', 'echo'])
      await userEvent.click(
        screen.getByRole('checkbox', {
          name: `Select component:default/${name}`,
        }),
      );
    await userEvent.click(
      screen.getByRole('button', { name: 'Open fix changes (2)' }),
    );
    await waitFor(() => expect(following()).toEqual(['task-1', 'task-2']));
    const calls = getFleetFixes.mock.calls.length;
    fixed = true;
    await end('task-1', {
      output: {
        links: [
          {
            title: 'Pull request',
            url: 'https://github.com/acme/alpha/pull/7',
          },
        ],
      },
    });
    // no refresh while a task runs
    expect(getFleetFixes).toHaveBeenCalledTimes(calls);
    await end('task-2', { error: { message: 'No fix could be applied' } });

    // the backend's state now: the new counts, alpha no longer listed
    await waitFor(() =>
      expect(screen.getByTestId('fix-not-offered')).toHaveTextContent(
        '3 more services fail or warn',
      ),
    );
    expect(getFleetFixes).toHaveBeenCalledTimes(calls + 1);
    expect(getFleetFixes).toHaveBeenLastCalledWith('dockerfile');
    expect(screen.getByTestId('fix-check')).toHaveTextContent(
      'Dockerfile hardened (4)',
    );
    // ... and each service's result from the run, alpha's too
    expect(
      within(rowOf('alpha')).getByRole('link', { name: /^pull request/ }),
    ).toHaveAttribute('href', 'https://github.com/acme/alpha/pull/7');
    expect(rowOf('alpha')).toHaveTextContent('no longer listed');
    expect(
      screen.getByRole('checkbox', { name: 'Select component:default/alpha' }),
    ).toBeDisabled();
    expect(
      within(rowOf('bravo')).getByText('No fix could be applied'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('fix-progress')).toHaveTextContent(
      '2 of 2 fix tasks finished',
    );
    // the failed one can be tried again; the ones left out stay out
    expect(
      screen.getByRole('button', { name: 'Open fix changes (1)' }),
    ).toBeEnabled();
  });

  it('stops following and starting tasks when the card goes away mid-run', async () => {
    const { api, following } = scaffolder();
    const { rendered } = renderFixes(fleetFixes, api, 1);
    const { unmount } = await rendered;
    await chooseCheck('Dockerfile hardened (5)');
    await userEvent.click(
      await screen.findByRole('button', { name: 'Open fix changes (5)' }),
    );
    await waitFor(() => expect(following()).toEqual(['task-1']));
    unmount();
    // its event stream is closed, and the queued services are not started
    expect(following()).toEqual([]);
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(api.scaffold).toHaveBeenCalledTimes(1);
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
