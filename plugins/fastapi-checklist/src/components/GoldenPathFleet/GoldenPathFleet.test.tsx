import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { scaffolderApiRef } from '@backstage/plugin-scaffolder-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type {
  EntityUpgrade,
  FleetUpgradeRow,
  FleetUpgrades,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fastapiChecklistApiRef } from '../../api';
import { scaffolderTaskRouteRef } from '../../routes';
import { GoldenPathFleet } from './GoldenPathFleet';

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

function renderFleet(
  scaffolder?: object,
  concurrency?: number,
  getEntityUpgrade = jest.fn(async (): Promise<EntityUpgrade> => ({})),
  getFleetUpgrades = jest.fn(async () => fleet),
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
    await renderFleet({ scaffold, getTemplateParameterSchema }, 2);
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
      '0 of 4 upgrade tasks started or failed',
    );
    expect(screen.getAllByText('queued')).toHaveLength(2);

    tasks.get('component:default/alpha')!.resolve({ taskId: 'task-a' });
    await waitFor(() => expect(scaffold).toHaveBeenCalledTimes(3));
    tasks
      .get('component:default/charlie')!
      .reject(new Error('Template not found'));
    await waitFor(() => expect(scaffold).toHaveBeenCalledTimes(4));
    expect(scaffold.mock.calls.map(([r]) => r.values.entity)).toEqual([
      'component:default/alpha',
      'component:default/charlie',
      'component:default/delta',
      'component:default/echo',
    ]);
    tasks.get('component:default/delta')!.resolve({ taskId: 'task-d' });
    tasks.get('component:default/echo')!.resolve({ taskId: 'task-e' });

    await waitFor(() =>
      expect(screen.getByTestId('bulk-progress')).toHaveTextContent(
        '4 of 4 upgrade tasks started or failed',
      ),
    );
    const links = screen.getAllByRole('link', { name: 'task started' });
    expect(links.map(link => link.getAttribute('href'))).toEqual([
      '/create/tasks/task-a',
      '/create/tasks/task-d',
      '/create/tasks/task-e',
    ]);
    const charlie = screen.getByText('Template not found').closest('tr')!;
    expect(within(charlie).getByText('charlie')).toBeInTheDocument();
  });

  it("gives each service's upgrade the answers its repository states, and fails the services whose upgrade cannot be read", async () => {
    const scaffold = jest.fn(
      async (request: { values: { entity: string } }) => ({
        taskId: `task-${request.values.entity.split('/')[1]}`,
      }),
    );
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
      { scaffold, getTemplateParameterSchema },
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
        '3 of 3 upgrade tasks started or failed',
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
  it('locks the selection while a run starts its tasks, then shows the fleet as the backend has it, with each result', async () => {
    const tasks = new Map<
      string,
      ReturnType<typeof deferred<{ taskId: string }>>
    >();
    const scaffold = jest.fn((request: { values: { entity: string } }) => {
      const task = deferred<{ taskId: string }>();
      tasks.set(request.values.entity, task);
      return task.promise;
    });
    const getTemplateParameterSchema = jest.fn(async () => ({
      title: 'Upgrade a FastAPI service',
      steps: [],
    }));
    let afterRun = false;
    // once the run ends, alpha's upgrade change is open
    const getFleetUpgrades = jest.fn(
      async (): Promise<FleetUpgrades> =>
        afterRun
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
      { scaffold, getTemplateParameterSchema },
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
      'Upgrade tasks are starting: the selection can be changed when they have.',
    );
    for (const name of ['alpha', 'charlie']) {
      expect(checkbox(name)).toBeChecked();
      expect(checkbox(name)).toBeDisabled();
    }
    expect(checkbox('bravo')).not.toBeChecked();
    expect(checkbox('bravo')).toBeDisabled();
    expect(getFleetUpgrades).toHaveBeenCalledTimes(1);

    afterRun = true;
    tasks.get('component:default/alpha')!.resolve({ taskId: 'task-a' });
    await waitFor(() => expect(scaffold).toHaveBeenCalledTimes(2));
    tasks.get('component:default/charlie')!.resolve({ taskId: 'task-c' });

    // the fleet as it is now, and each service's task still there
    await waitFor(() =>
      expect(screen.getByTestId('fleet-open-changes')).toHaveTextContent(
        'With an open upgrade change: 2',
      ),
    );
    expect(getFleetUpgrades).toHaveBeenCalledTimes(2);
    expect(screen.queryByTestId('bulk-run-lock')).toBeNull();
    const alpha = checkbox('alpha').closest('tr')!;
    expect(within(alpha).getByRole('link', { name: /^open/ })).toHaveAttribute(
      'href',
      'https://github.com/acme/alpha/pull/9',
    );
    expect(
      within(alpha).getByRole('link', { name: 'task started' }),
    ).toHaveAttribute('href', '/create/tasks/task-a');
    expect(screen.getByTestId('bulk-progress')).toHaveTextContent(
      '2 of 2 upgrade tasks started or failed',
    );
    expect(checkbox('bravo')).toBeEnabled();
  });
});
