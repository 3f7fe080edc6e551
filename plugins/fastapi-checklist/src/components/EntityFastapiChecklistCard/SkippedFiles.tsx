import type { Diagnostic } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { Box, Typography } from '@material-ui/core';

/** What the analyzer could not read, in plain sight: a skipped file can hide a failing check. */
export function SkippedFiles({ diagnostics }: { diagnostics: Diagnostic[] }) {
  if (diagnostics.length === 0) return null;
  return (
    <Box mt={2} component="section" aria-label="Skipped files">
      <Typography variant="subtitle2">
        Skipped files ({diagnostics.length})
      </Typography>
      <Box component="ul" mt={0.5} mb={0}>
        {diagnostics.map((diagnostic, index) => (
          <Typography key={index} component="li" variant="body2">
            <code>{diagnostic.path}</code> — {diagnostic.message}
          </Typography>
        ))}
      </Box>
    </Box>
  );
}
