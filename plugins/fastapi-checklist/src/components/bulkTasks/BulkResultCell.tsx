import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import type { ScaffolderTaskOutput } from '@backstage/plugin-scaffolder-react';
import { Typography } from '@material-ui/core';
import { createContext, useContext } from 'react';
import { scaffolderTaskRouteRef } from '../../routes';
import type { BulkTaskResult } from './useBulkScaffolderTasks';

/**
 * A bulk run's results by service, read by the table's cells: the columns stay the same
 * objects while results come in (material-table resets its selection when columns change).
 */
export const BulkResults = createContext<Record<string, BulkTaskResult>>({});

/**
 * The change a finished task opened: its pull request (the template's "Pull request"
 * output link, which the upgrade template also sets to a pull request already open), or
 * the branch of the local repository (its `branch` output). Null when the output names
 * neither (an upgrade that changed nothing).
 */
function changeOf(output: ScaffolderTaskOutput) {
  const pullRequest = output.links?.find(
    link => link.title === 'Pull request' && link.url,
  )?.url;
  if (pullRequest) return <Link to={pullRequest}>pull request</Link>;
  if (typeof output.branch === 'string' && output.branch)
    return (
      <>
        branch <code>{output.branch}</code>
      </>
    );
  return null;
}

/** The task's page, when the scaffolder's route is bound. */
function TaskLink(props: { taskId: string; text: string }) {
  const taskRoute = useRouteRef(scaffolderTaskRouteRef);
  return taskRoute ? (
    <Link to={taskRoute({ taskId: props.taskId })}>{props.text}</Link>
  ) : (
    <>
      {props.text} ({props.taskId})
    </>
  );
}

/** One service's result in a bulk run: queued, starting, its task, then its change or why it failed. */
export function BulkResultCell(props: { entityRef: string }) {
  const result = useContext(BulkResults)[props.entityRef];
  if (!result) return null;
  switch (result.status) {
    case 'queued':
      return <>queued</>;
    case 'starting':
      return <>starting…</>;
    case 'started':
      return <TaskLink taskId={result.taskId} text="task started" />;
    case 'completed': {
      const change = changeOf(result.output);
      return (
        <>
          <TaskLink taskId={result.taskId} text="task finished" />
          {change && <>: {change}</>}
        </>
      );
    }
    default:
      return (
        <>
          {result.taskId && (
            <TaskLink taskId={result.taskId} text="task failed" />
          )}
          <Typography variant="body2" color="error">
            {result.error}
          </Typography>
        </>
      );
  }
}
