import { act, waitFor } from '@testing-library/react';

/** How long a wait for a card's next state may take on a loaded 2-core machine. */
export const SLOW = 10_000;

/**
 * The scaffolder's task event streams, for the bulk cards' tests: each task ends when the
 * test says, with the scaffolder backend's completion event, inside an async act so the
 * updates that follow its end are flushed too. `following` lists the tasks whose stream
 * is open.
 */
export function taskStreams() {
  const observers = new Map<string, { next: (event: object) => void }>();
  const streamLogs = jest.fn(({ taskId }: { taskId: string }) => ({
    subscribe: (observer: { next: (event: object) => void }) => {
      observers.set(taskId, observer);
      return { unsubscribe: () => observers.delete(taskId) };
    },
  }));
  const end = async (taskId: string, body: object) => {
    await waitFor(() => expect([...observers.keys()]).toContain(taskId), {
      timeout: SLOW,
    });
    await act(async () => {
      observers.get(taskId)!.next({
        type: 'completion',
        taskId,
        id: 1,
        createdAt: '2026-11-30T08:00:00Z',
        body: { message: 'Run completed', ...body },
      });
    });
  };
  return { streamLogs, end, following: () => [...observers.keys()] };
}
