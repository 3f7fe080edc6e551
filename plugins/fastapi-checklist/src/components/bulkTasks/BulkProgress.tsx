import { Box, LinearProgress, Typography } from '@material-ui/core';

/** How far a bulk run is: its tasks that have ended (completed or failed) of all. */
export function BulkProgress(props: {
  finished: number;
  total: number;
  /** What the tasks do: "fix", "upgrade". */
  noun: string;
  testId: string;
}) {
  const { finished, total, noun, testId } = props;
  return (
    <Box flex={1}>
      <Typography variant="body2" data-testid={testId}>
        {finished} of {total} {noun} tasks finished
      </Typography>
      <LinearProgress variant="determinate" value={(100 * finished) / total} />
    </Box>
  );
}
