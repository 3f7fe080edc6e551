import type { LevelOutcome } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { Box, Chip, Typography } from '@material-ui/core';

/** The level the service reaches, and the checks it still misses for the next one. */
export function LevelSummary({ outcome }: { outcome: LevelOutcome }) {
  return (
    <Box
      mb={1}
      display="flex"
      alignItems="center"
      flexWrap="wrap"
      style={{ gap: 8 }}
    >
      <Chip
        color={outcome.level ? 'primary' : 'default'}
        label={`Level: ${outcome.level ?? 'none yet'}`}
        data-testid="checklist-level"
      />
      {outcome.next ? (
        <Typography
          variant="body2"
          aria-label={`Missing for ${outcome.next.name}`}
        >
          For {outcome.next.name}:{' '}
          {outcome.next.missing.map(check => check.title).join(', ')}
        </Typography>
      ) : (
        <Typography variant="body2">The highest level.</Typography>
      )}
    </Box>
  );
}
