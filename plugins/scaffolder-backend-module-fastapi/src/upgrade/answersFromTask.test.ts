import { answersFromCreatingTask, ListedTask, templateRef } from './answersFromTask';

const task = (
  id: string,
  overrides: {
    status?: string;
    name?: string;
    template?: string;
    version?: string;
    parameters?: Record<string, unknown>;
  } = {},
): ListedTask => ({
  id,
  status: overrides.status ?? 'completed',
  spec: {
    parameters: {
      name: overrides.name ?? 'orders-api',
      owner: 'group:default/team-orders',
      database: 'postgresql',
      resource: 'order-lines',
      workers: 2,
      publishTarget: 'local',
      repoUrl: 'github.com?owner=acme&repo=orders-api',
      ...overrides.parameters,
    },
    templateInfo: {
      entityRef: overrides.template ?? 'template:default/fastapi-service',
      entity: {
        metadata: {
          annotations: { 'fastapi-golden-path/version': overrides.version ?? '0.1.0' },
        },
      },
    },
  },
});

/** Pages over `tasks` (newest first), recording the pages asked for. */
function listing(tasks: ListedTask[]) {
  const pages: { offset: number; limit: number }[] = [];
  return {
    pages,
    listTasks: async (page: { offset: number; limit: number }) => {
      pages.push(page);
      return tasks.slice(page.offset, page.offset + page.limit);
    },
  };
}

describe('answersFromCreatingTask', () => {
  it('takes the newest completed task of the Create template that made the service', async () => {
    const { listTasks } = listing([
      task('failed-later', { status: 'failed', parameters: { workers: 9 } }),
      task('other-service', { name: 'billing-api' }),
      task('other-template', { template: 'template:default/other' }),
      task('creating', { version: '0.1.0' }),
      task('older', { parameters: { workers: 7 } }),
    ]);
    await expect(
      answersFromCreatingTask({
        listTasks,
        name: 'orders-api',
        template: 'template:default/fastapi-service',
        maxTasks: 1000,
      }),
    ).resolves.toEqual({
      taskId: 'creating',
      answers: {
        template: 'fastapi-service',
        version: '0.1.0',
        // The render's answers only: not the publish target or the repository URL.
        values: {
          name: 'orders-api',
          owner: 'group:default/team-orders',
          database: 'postgresql',
          resource: 'order-lines',
          workers: 2,
        },
      },
    });
  });

  it('pages through the tasks, reading no more than maxTasks', async () => {
    const others = Array.from({ length: 250 }, (_, i) => task(`t${i}`, { name: 'billing-api' }));
    const many = listing([...others, task('creating')]);
    await expect(
      answersFromCreatingTask({
        listTasks: many.listTasks,
        name: 'orders-api',
        template: 'template:default/fastapi-service',
        maxTasks: 1000,
      }),
    ).resolves.toMatchObject({ taskId: 'creating' });
    expect(many.pages).toEqual([
      { offset: 0, limit: 100 },
      { offset: 100, limit: 100 },
      { offset: 200, limit: 100 },
    ]);

    const bounded = listing([...others, task('creating')]);
    await expect(
      answersFromCreatingTask({
        listTasks: bounded.listTasks,
        name: 'orders-api',
        template: 'template:default/fastapi-service',
        maxTasks: 150,
      }),
    ).resolves.toBeUndefined();
    expect(bounded.pages).toEqual([
      { offset: 0, limit: 100 },
      { offset: 100, limit: 50 },
    ]);
  });

  it('ignores a task whose template named no version it could render', async () => {
    const { listTasks } = listing([task('unversioned', { version: '../x' })]);
    await expect(
      answersFromCreatingTask({
        listTasks,
        name: 'orders-api',
        template: 'template:default/fastapi-service',
        maxTasks: 1000,
      }),
    ).resolves.toBeUndefined();
  });
});

describe('templateRef', () => {
  it.each([
    ['fastapi-service@0.1.0', 'template:default/fastapi-service'],
    ['fastapi-service', 'template:default/fastapi-service'],
    ['template:platform/fastapi-service', 'template:platform/fastapi-service'],
  ])('reads %s as %s', (value, ref) => {
    expect(templateRef(value)).toBe(ref);
  });
});
