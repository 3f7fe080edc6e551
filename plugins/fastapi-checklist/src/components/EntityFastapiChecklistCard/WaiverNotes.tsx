import { Link } from '@backstage/core-components';
import type {
  WaiverFile,
  WaiverNote,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { Box, Typography } from '@material-ui/core';
import type { EvidenceLinker } from '../ChecklistItemRow/ChecklistItemRow';

/**
 * What is wrong with the repository's waivers (malformed or incomplete entries, which
 * are not applied; expired ones; unneeded ones), each linked to its line of the file.
 */
export function WaiverNotes({
  file,
  notes,
  linkTo,
}: {
  file?: WaiverFile;
  notes: WaiverNote[];
  linkTo: EvidenceLinker;
}) {
  if (!file || notes.length === 0) return null;
  return (
    <Box mt={2} component="section" aria-label="Waiver problems">
      <Typography variant="subtitle2">
        Waivers to look at ({notes.length})
      </Typography>
      <Box component="ul" mt={0.5} mb={0}>
        {notes.map((note, index) => {
          const where = `${file.path}${note.line ? `:${note.line}` : ''}`;
          const href = linkTo({ path: file.path, line: note.line });
          return (
            <Typography key={index} component="li" variant="body2">
              {href ? <Link to={href}>{where}</Link> : <code>{where}</code>} —{' '}
              {note.message}
            </Typography>
          );
        })}
      </Box>
    </Box>
  );
}
