import { Box, Button } from '@material-ui/core';

/** A fixable check's "Fix it": opens the preview of its fix. */
export function FixItButton(props: {
  check: string;
  onClick: (checks: string[]) => void;
}) {
  return (
    <Box mt={0.5}>
      <Button
        size="small"
        variant="outlined"
        color="primary"
        onClick={() => props.onClick([props.check])}
      >
        Fix it
      </Button>
    </Box>
  );
}

/** With several fixable checks, "Fix all": one preview and one change for all of them. */
export function FixAllButton(props: {
  checks: string[];
  onClick: (checks: string[]) => void;
}) {
  if (props.checks.length < 2) return null;
  return (
    <Box mb={1}>
      <Button
        size="small"
        variant="outlined"
        color="primary"
        onClick={() => props.onClick(props.checks)}
      >
        Fix all ({props.checks.length})
      </Button>
    </Box>
  );
}
