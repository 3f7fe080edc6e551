import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import type { PortalBackend } from './portalBackend';

/** The Authorization header of the test user (permissions are off in the test portal). */
export const userAuth = () => mockCredentials.user.header();

/** Polls `probe` until it returns a value, failing with `what` after `ms`. */
export async function waitUntil<T>(
  probe: () => Promise<T | undefined>,
  what: string,
  ms = 60_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

export type TaskEvent = { body: { message?: string; [key: string]: unknown } };

/** Scaffolder tasks through the test portal's HTTP API, as the Create page drives them. */
export function scaffolderTasks(server: PortalBackend['server']) {
  return {
    /** Waits until the catalog serves the template (it ingests file locations async). */
    async templateReady(name: string): Promise<void> {
      await waitUntil(async () => {
        const res = await request(server)
          .get(`/api/catalog/entities/by-name/template/default/${name}`)
          .set('Authorization', userAuth());
        return res.status === 200 ? true : undefined;
      }, `the template ${name} in the catalog`);
    },

    /** Starts a task of `template:default/<name>`; its id. */
    async start(
      name: string,
      values: Record<string, unknown>,
    ): Promise<string> {
      const created = await request(server)
        .post('/api/scaffolder/v2/tasks')
        .set('Authorization', userAuth())
        .send({ templateRef: `template:default/${name}`, values });
      if (created.status !== 201) {
        throw new Error(
          `starting ${name} answered ${created.status}: ${JSON.stringify(
            created.body,
          )}`,
        );
      }
      return created.body.id;
    },

    /** Waits until the task completed or failed; the task as the API returns it. */
    async finished(
      taskId: string,
      ms = 120_000,
    ): Promise<{ status: string; [key: string]: unknown }> {
      return waitUntil(
        async () => {
          const res = await request(server)
            .get(`/api/scaffolder/v2/tasks/${taskId}`)
            .set('Authorization', userAuth());
          return ['completed', 'failed'].includes(res.body.status)
            ? res.body
            : undefined;
        },
        `task ${taskId} to finish`,
        ms,
      );
    },

    /** The task's log events, oldest first. */
    async events(taskId: string): Promise<TaskEvent[]> {
      const res = await request(server)
        .get(`/api/scaffolder/v2/tasks/${taskId}/events`)
        .set('Authorization', userAuth());
      return res.body;
    },

    /** The task's log messages, joined by newlines. */
    async log(taskId: string): Promise<string> {
      return (await this.events(taskId))
        .map(event => event.body.message ?? '')
        .join('\n');
    },
  };
}
