import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { scaffolderApiRef } from '@backstage/plugin-scaffolder-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type {
  EntityUpgrade,
  FleetUpgradeRow,
  FleetUpgrades,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import {
  act,
  configure,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fastapiChecklistApiRef } from '../../api';
import { scaffolderTaskRouteRef } from '../../routes';
import { SLOW, taskStreams } from '../bulkTasks/__testUtils__/taskStreams';
import { GoldenPathFleet } from './GoldenPathFleet';

// The cards render a material-table whose accessible names jsdom computes slowly: on a
// busy 2-core machine one query can outlast testing-library's 1 s default wait (the
// concurrency test's "task started" links did, three runs at once beside a CI run).
configure({ asyncUtilTimeout: SLOW });

const behind = (
  name: string,
  extra: Partial<FleetUpgradeRow> = {},
): FleetUpgradeRow => ({
  entityRef: `component:default/${name}`,
  title: name,
  template: 'fastapi-service',
  version: '0.1.0',
  latest: '0.2.0',
  behind: true,
  ...extra,
});

const fleet: FleetUpgrades = {
  rows: [
    behind('alpha'),
    behind('bravo', {
      change: {
        target: 'github',
        state: 'open',
        branch: 'golden-path/upgrade-0.2.0',
        url: 'https://github.com/acme/bravo/pull/4',
        number: 4,
        conflicts: [],
      },
    }),
    behind('charlie'),
    behind('delta'),
    behind('echo'),
    { ...behind('current'), version: '0.2.0', behind: false },
  ],
  totals: { services: 6, behind: 5, openChanges: 1 },
  versions: [
    { version: '0.2.0', services: 1 },
    { version: '0.1.0', services: 5 },
  ],
  changeLookupLimit: 200,
  changesNotLookedUp: 0,
};

/** A promise the test settles when it chooses. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** The upgrade template's output (templates/fastapi-service/upgrade.yaml), on GitHub or the local target. */
const upgraded = (name: string, pullRequest = '') => ({
  output: {
    links: [
      { title: 'Pull request', url: pullRequest },
      {
        title: 'Service',
        icon: 'catalog',
        entityRef: `component:default/${name}`,
      },
    ],
    text: [{ title: 'Upgrade 0.1.0 → 0.2.0', content: '' }],
  },
});
const failedWith = (message: string) => ({
  error: { name: 'Error', message },
});

function renderFleet(
  scaffolder?: object,
  concurrency?: number,
  getEntityUpgrade = jest.fn(async (): Promise<EntityUpgrade> => ({})),
  getFleetUpgrades = jest.fn(
    async (_options?: { fresh?: string[] }): Promise<FleetUpgrades> => fleet,
  ),
) {
  const apis: [any, any][] = [
    [fastapiChecklistApiRef, { getFleetUpgrades, getEntityUpgrade }],
  ];
  if (scaffolder) apis.push([scaffolderApiRef, scaffolder]);
  return renderInTestApp(
    <TestApiProvider apis={apis as any}>
      <GoldenPathFleet concurrency={concurrency} />
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/create/tasks/:taskId': scaffolderTaskRouteRef,
      },
    },
  );
}

// The material-table and MUI renders take seconds on a loaded 2-core CI machine.
jest.setTimeout(60_000);

describe('GoldenPathFleet', () => {
  it('shows the versions, how many are behind, and the open upgrade changes', async () => {
    await renderFleet();
    expect(await screen.findByTestId('fleet-version-0.1.0')).toHaveTextContent(
      '0.1.0: 5',
    );
    expect(screen.getByTestId('fleet-version-0.2.0')).toHaveTextContent(
      '0.2.0: 1',
    );
    expect(screen.getByTestId('fleet-behind')).toHaveTextContent(
      'Behind the template: 5 of 6',
    );
    expect(screen.getByTestId('fleet-open-changes')).toHaveTextContent(
      'With an open upgrade change: 1',
    );
    // the services' table opens on demand
    expect(screen.queryByRole('table')).toBeNull();
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Show the services and their upgrades',
      }),
    );
    expect(screen.getByRole('link', { name: /^open/ })).toHaveAttribute(
      'href',
      'https://github.com/acme/bravo/pull/4',
    );
    // without a scaffolder there is nothing to launch
    expect(
      screen.queryByRole('button', { name: /Open upgrade changes/ }),
    ).toBeNull();
  });

  it('opens upgrade changes for the selected services, at most `concurrency` at a time, with each result', async () => {
    const tasks = new Map<
      string,
      ReturnType<typeof deferred<{ taskId: string }>>
    >();
    const scaffold = jest.fn((request: { values: { entity: string } }) => {
      const task = deferred<{ taskId: string }>();
      tasks.set(request.values.entity, task);
      return task.promise;
    });
    const { streamLogs, end } = taskStreams();
    const getTemplateParameterSchema = jest.fn(async () => ({
      title: 'Upgrade a FastAPI service',
      steps: [
        {
          title: 'Service',
          schema: { properties: { entity: { type: 'string' } } },
        },
        {
          title: 'Answers',
          schema: {
            properties: {
              createdFrom: { type: 'string', default: '0.1.0' },
              workers: { type: 'integer', default: 4 },
            },
          },
        },
      ],
    }));
    await renderFleet({ scaffold, getTemplateParameterSchema, streamLogs }, 2);
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Show the services and their upgrades',
      }),
    );

    const select = (name: string) =>
      userEvent.click(
        screen.getByRole('checkbox', {
          name: `Select component:default/${name}`,
        }),
      );
    expect(
      screen.getByRole('checkbox', {
        name: 'Select component:default/current',
      }),
    ).toBeDisabled();
    for (const name of ['alpha', 'charlie', 'delta', 'echo'])
      await select(name);
    const button = screen.getByRole('button', {
      name: 'Open upgrade changes (4)',
    });
    await userEvent.click(button);

    // two at a time: the others wait
    await waitFor(() => expect(scaffold).toHaveBeenCalledTimes(2));
    expect(scaffold).toHaveBeenCalledWith({
      templateRef: 'template:default/fastapi-service-upgrade',
      values: {
        createdFrom: '0.1.0',
        workers: 4,
        entity: 'component:default/alpha',
      },
    });
    expect(getTemplateParameterSchema).toHaveBeenCalledTimes(1);
    expect(
      screen.getByRole('button', { name: /Open upgrade changes/ }),
    ).toBeDisabled();
    expect(screen.getByTestId('bulk-progress')).toHaveTextContent(
      '0 of 4 upgrade tasks finished',
    );
    expect(screen.getAllByText('queued')).toHaveLength(2);

    // a started task holds its place until it ends
    tasks.get('component:default/alpha')!.resolve({ taskId: 'task-a' });
    tasks
      .get('component:default/charlie')!
      .reject(new Error('Template not found'));
    await waitFor(() => expect(scaffold).toHaveBeenCalledTimes(3));
    expect(screen.getAllByText('queued')).toHaveLength(1);
    await end('task-a', upgraded('alpha'));
    await waitFor(() => expect(scaffold).toHaveBeenCalledTimes(4));
    expect(scaffold.mock.calls.map(([r]) => r.values.entity)).toEqual([
      'component:default/alpha',
      'component:default/charlie',
      'component:default/delta',
      'component:default/echo',
    ]);
    tasks.get('component:default/delta')!.resolve({ taskId: 'task-d' });
    tasks.get('component:default/echo')!.resolve({ taskId: 'task-e' });

    // running: each service links its task
    await waitFor(() =>
      expect(
        screen
          .getAllByRole('link', { name: 'task started' })
          .map(link => link.getAttribute('href')),
      ).toEqual(['/create/tasks/task-d', '/create/tasks/task-e']),
    );
    expect(screen.getByTestId('bulk-progress')).toHaveTextContent(
      '2 of 4 upgrade tasks finished',
    );
    await end('task-d', upgraded('delta'));
    await end('task-e', upgraded('echo'));
    await waitFor(() =>
      expect(screen.getByTestId('bulk-progress')).toHaveTextContent(
        '4 of 4 upgrade tasks finished',
      ),
    );
    const links = screen.getAllByRole('link', { name: 'task finished' });
    expect(links.map(link => link.getAttribute('href'))).toEqual([
      '/create/tasks/task-a',
      '/create/tasks/task-d',
      '/create/tasks/task-e',
    ]);
    const charlie = screen.getByText('Template not found').closest('tr')!;
    expect(within(charlie).getByText('charlie')).toBeInTheDocument();
  });

  it('follows each task to its end: the change a completed one opened, or why it failed', async () => {
    const scaffold = jest.fn(
      async (request: { values: { entity: string } }) => ({
        taskId: `task-${request.values.entity.split('/')[1]}`,
      }),
    );
    const getTemplateParameterSchema = jest.fn(async () => ({
      title: 'Upgrade a FastAPI service',
      steps: [],
    }));
    const { streamLogs, end } = taskStreams();
    await renderFleet({ scaffold, getTemplateParameterSchema, streamLogs }, 3);
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Show the services and their upgrades',
      }),
    );
    const row = (name: string) =>
      screen
        .getByRole('checkbox', { name: `Select component:default/${name}` })
        .closest('tr')!;
    for (const name of ['alpha', 'charlie', 'delta'])
      await userEvent.click(
        screen.getByRole('checkbox', {
          name: `Select component:default/${name}`,
        }),
      );
    await userEvent.click(
      screen.getByRole('button', { name: 'Open upgrade changes (3)' }),
    );
    await waitFor(() =>
      expect(
        screen.getAllByRole('link', { name: 'task started' }),
      ).toHaveLength(3),
    );
    expect(screen.getByTestId('bulk-progress')).toHaveTextContent(
      '0 of 3 upgrade tasks finished',
    );

    // on GitHub: the pull request it opened (or the one already open)
    await end(
      'task-alpha',
      upgraded('alpha', 'https://github.com/acme/alpha/pull/9'),
    );
    expect(
      within(row('alpha')).getByRole('link', { name: 'task finished' }),
    ).toHaveAttribute('href', '/create/tasks/task-alpha');
    expect(
      within(row('alpha')).getByRole('link', { name: /^pull request/ }),
    ).toHaveAttribute('href', 'https://github.com/acme/alpha/pull/9');
    // the local target: its output names no pull request
    await end('task-charlie', upgraded('charlie'));
    expect(
      within(row('charlie')).getByRole('link', { name: 'task finished' }),
    ).toHaveAttribute('href', '/create/tasks/task-charlie');
    expect(
      within(row('charlie')).queryByRole('link', { name: /^pull request/ }),
    ).toBeNull();
    await end(
      'task-delta',
      failedWith('The answer database is not one the new version accepts'),
    );
    expect(
      within(row('delta')).getByRole('link', { name: 'task failed' }),
    ).toHaveAttribute('href', '/create/tasks/task-delta');
    expect(
      within(row('delta')).getByText(
        'The answer database is not one the new version accepts',
      ),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByTestId('bulk-progress')).toHaveTextContent(
        '3 of 3 upgrade tasks finished',
      ),
    );
  });

  it('ends a run when the card goes away: the queued services are not started and the streams are closed', async () => {
    const scaffold = jest.fn(
      async (request: { values: { entity: string } }) => ({
        taskId: `task-${request.values.entity.split('/')[1]}`,
      }),
    );
    const getTemplateParameterSchema = jest.fn(async () => ({
      title: 'Upgrade a FastAPI service',
      steps: [],
    }));
    const { streamLogs, following } = taskStreams();
    const getFleetUpgrades = jest.fn(async () => fleet);
    const rendered = await renderFleet(
      { scaffold, getTemplateParameterSchema, streamLogs },
      1,
      undefined,
      getFleetUpgrades,
    );
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Show the services and their upgrades',
      }),
    );
    for (const name of ['alpha', 'charlie'])
      await userEvent.click(
        screen.getByRole('checkbox', {
          name: `Select component:default/${name}`,
        }),
      );
    await userEvent.click(
      screen.getByRole('button', { name: 'Open upgrade changes (2)' }),
    );
    await waitFor(() => expect(following()).toEqual(['task-alpha']));

    rendered.unmount();
    expect(following()).toEqual([]);
    await act(() => new Promise(resolve => setTimeout(resolve, 50)));
    expect(scaffold).toHaveBeenCalledTimes(1);
    expect(getFleetUpgrades).toHaveBeenCalledTimes(1);
  });

  it("gives each service's upgrade the answers its repository states, and fails the services whose upgrade cannot be read", async () => {
    const scaffold = jest.fn(
      async (request: { values: { entity: string } }) => ({
        taskId: `task-${request.values.entity.split('/')[1]}`,
      }),
    );
    // each task has ended by the time its stream is read
    const streamLogs = jest.fn(() => ({
      subscribe: (observer: { next: (event: object) => void }) => {
        observer.next({ type: 'completion', body: upgraded('any') });
        return { unsubscribe: () => {} };
      },
    }));
    const getTemplateParameterSchema = jest.fn(async () => ({
      title: 'Upgrade a FastAPI service',
      steps: [
        {
          title: 'Answers',
          schema: {
            properties: {
              createdFrom: { type: 'string', default: '0.1.0' },
              database: { type: 'string', default: 'postgresql' },
              workers: { type: 'integer', default: 4 },
            },
          },
        },
      ],
    }));
    const getEntityUpgrade = jest.fn(
      async ({ name }: { name: string }): Promise<EntityUpgrade> => {
        if (name === 'charlie') throw new Error('Checklist backend: 503');
        if (name !== 'alpha') return { version: '0.1.0', latest: '0.2.0' };
        return {
          version: '0.1.0',
          latest: '0.2.0',
          inferredAnswers: {
            // not an upgrade form field: the entity gives it
            name: { value: 'alpha', path: 'catalog-info.yaml', line: 4 },
            database: { value: 'sqlite', path: 'app/config.py', line: 9 },
            workers: { value: 2, path: 'Dockerfile', line: 31 },
          },
        };
      },
    );
    await renderFleet(
      { scaffold, getTemplateParameterSchema, streamLogs },
      2,
      getEntityUpgrade as any,
    );
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Show the services and their upgrades',
      }),
    );
    for (const name of ['alpha', 'charlie', 'delta'])
      await userEvent.click(
        screen.getByRole('checkbox', {
          name: `Select component:default/${name}`,
        }),
      );
    await userEvent.click(
      screen.getByRole('button', { name: 'Open upgrade changes (3)' }),
    );

    await waitFor(() =>
      expect(screen.getByTestId('bulk-progress')).toHaveTextContent(
        '3 of 3 upgrade tasks finished',
      ),
    );
    expect(scaffold.mock.calls.map(([request]) => request)).toEqual([
      {
        templateRef: 'template:default/fastapi-service-upgrade',
        values: {
          createdFrom: '0.1.0',
          database: 'sqlite',
          workers: 2,
          entity: 'component:default/alpha',
        },
      },
      {
        templateRef: 'template:default/fastapi-service-upgrade',
        values: {
          createdFrom: '0.1.0',
          database: 'postgresql',
          workers: 4,
          entity: 'component:default/delta',
        },
      },
    ]);
    const charlie = screen.getByText('Checklist backend: 503').closest('tr')!;
    expect(within(charlie).getByText('charlie')).toBeInTheDocument();
  });
  it('locks the selection while a run is in progress, then, once its tasks have ended, shows the fleet as the backend has it, with each result', async () => {
    const tasks = new Map<
      string,
      ReturnType<typeof deferred<{ taskId: string }>>
    >();
    const scaffold = jest.fn((request: { values: { entity: string } }) => {
      const task = deferred<{ taskId: string }>();
      tasks.set(request.values.entity, task);
      return task.promise;
    });
    const { streamLogs, end } = taskStreams();
    const getTemplateParameterSchema = jest.fn(async () => ({
      title: 'Upgrade a FastAPI service',
      steps: [],
    }));
    // alpha's upgrade change is open once its task has ended, and the backend's cache
    // shows it only when asked to look alpha up afresh
    let alphaUpgraded = false;
    const getFleetUpgrades = jest.fn(
      async (options?: { fresh?: string[] }): Promise<FleetUpgrades> =>
        alphaUpgraded && options?.fresh?.includes('component:default/alpha')
          ? {
              ...fleet,
              rows: fleet.rows.map(row =>
                row.entityRef === 'component:default/alpha'
                  ? {
                      ...row,
                      change: {
                        target: 'github',
                        state: 'open',
                        branch: 'golden-path/upgrade-0.2.0',
                        url: 'https://github.com/acme/alpha/pull/9',
                        number: 9,
                        conflicts: [],
                      },
                    }
                  : row,
              ),
              totals: { ...fleet.totals, openChanges: 2 },
            }
          : fleet,
    );
    await renderFleet(
      { scaffold, getTemplateParameterSchema, streamLogs },
      1,
      undefined,
      getFleetUpgrades,
    );
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Show the services and their upgrades',
      }),
    );
    const checkbox = (name: string) =>
      screen.getByRole('checkbox', {
        name: `Select component:default/${name}`,
      });
    await userEvent.click(checkbox('alpha'));
    await userEvent.click(checkbox('charlie'));
    await userEvent.click(
      screen.getByRole('button', { name: 'Open upgrade changes (2)' }),
    );
    await waitFor(() => expect(scaffold).toHaveBeenCalledTimes(1));

    // mid-run: the selection stands, locked, and the card says why
    expect(screen.getByTestId('bulk-run-lock')).toHaveTextContent(
      'Upgrade tasks are running: the selection can be changed when they end.',
    );
    for (const name of ['alpha', 'charlie']) {
      expect(checkbox(name)).toBeChecked();
      expect(checkbox(name)).toBeDisabled();
    }
    expect(checkbox('bravo')).not.toBeChecked();
    expect(checkbox('bravo')).toBeDisabled();
    expect(getFleetUpgrades).toHaveBeenCalledTimes(1);

    tasks.get('component:default/alpha')!.resolve({ taskId: 'task-a' });
    alphaUpgraded = true;
    await end(
      'task-a',
      upgraded('alpha', 'https://github.com/acme/alpha/pull/9'),
    );
    await waitFor(() => expect(scaffold).toHaveBeenCalledTimes(2));
    tasks.get('component:default/charlie')!.resolve({ taskId: 'task-c' });

    // every task has started, one is still running: no refresh yet, still locked
    await screen.findByRole('link', { name: 'task started' });
    expect(getFleetUpgrades).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('bulk-run-lock')).toBeInTheDocument();
    expect(checkbox('alpha')).toBeDisabled();
    await end('task-c', failedWith('Merge refused'));

    // the fleet as it is now, and each service's task still there
    await waitFor(() =>
      expect(screen.getByTestId('fleet-open-changes')).toHaveTextContent(
        'With an open upgrade change: 2',
      ),
    );
    expect(getFleetUpgrades).toHaveBeenCalledTimes(2);
    // the services whose task completed are looked up afresh
    expect(getFleetUpgrades).toHaveBeenLastCalledWith({
      fresh: ['component:default/alpha'],
    });
    expect(screen.queryByTestId('bulk-run-lock')).toBeNull();
    const alpha = checkbox('alpha').closest('tr')!;
    expect(within(alpha).getByRole('link', { name: /^open/ })).toHaveAttribute(
      'href',
      'https://github.com/acme/alpha/pull/9',
    );
    expect(
      within(alpha).getByRole('link', { name: 'task finished' }),
    ).toHaveAttribute('href', '/create/tasks/task-a');
    const charlie = checkbox('charlie').closest('tr')!;
    expect(within(charlie).getByText('Merge refused')).toBeInTheDocument();
    expect(screen.getByTestId('bulk-progress')).toHaveTextContent(
      '2 of 2 upgrade tasks finished',
    );
    expect(checkbox('bravo')).toBeEnabled();
    // the upgraded service is unselected; the failed one stays selected, to try again
    expect(checkbox('alpha')).not.toBeChecked();
    expect(checkbox('charlie')).toBeChecked();
    expect(
      screen.getByRole('button', { name: 'Open upgrade changes (1)' }),
    ).toBeEnabled();
    // and the selection is the reader's again
    await userEvent.click(checkbox('alpha'));
    expect(checkbox('alpha')).toBeChecked();
    expect(
      screen.getByRole('button', { name: 'Open upgrade changes (2)' }),
    ).toBeEnabled();
  });
});
