import type { Entity } from '@backstage/catalog-model';
import {
  CodeSnippet,
  LinkButton,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import type { FixPreview } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Typography,
} from '@material-ui/core';
import { useFixPreview } from './useFixPreview';
import { useFixTemplateUrl } from './useFixTemplateUrl';

function PreviewBody(props: { preview: FixPreview }) {
  const { files, fixed, refusals } = props.preview;
  return (
    <>
      {fixed.length > 0 && (
        <>
          <Typography variant="subtitle2">Checks expected to change</Typography>
          <ul aria-label="Checks expected to change">
            {fixed.map(fix => (
              <li key={fix.id}>
                <code>{fix.id}</code>: {fix.from} → {fix.to}
              </li>
            ))}
          </ul>
        </>
      )}
      {refusals.length > 0 && (
        <>
          <Typography variant="subtitle2">Not fixed automatically</Typography>
          <ul aria-label="Not fixed automatically">
            {refusals.map(refusal => (
              <li key={refusal.checkId}>
                <code>{refusal.checkId}</code>: {refusal.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      {files.map(file => (
        <Box key={file.path} mt={2} data-testid={`fix-diff-${file.path}`}>
          <Typography variant="subtitle2">
            {file.path}
            {file.deleted ? ' (removed)' : ''}
          </Typography>
          <CodeSnippet text={file.diff} language="diff" />
        </Box>
      ))}
    </>
  );
}

/**
 * "Fix it": what the automatic fixes of `checks` would change (each file's diff, the
 * checks expected to change, the refusals), and the way to open that change with the Fix
 * readiness checks template. Closed while `checks` is empty.
 */
export function FixItDialog(props: {
  entity: Entity;
  checks: string[];
  onClose: () => void;
}) {
  const { entity, checks, onClose } = props;
  const { preview, loading, error } = useFixPreview(entity, checks);
  const fixUrl = useFixTemplateUrl(entity);
  // the change carries only the fixes the preview proved
  const fixedIds = preview?.fixed.map(fix => fix.id) ?? [];
  return (
    <Dialog
      open={checks.length > 0}
      onClose={onClose}
      maxWidth="md"
      fullWidth
      aria-labelledby="fix-it-title"
    >
      <DialogTitle id="fix-it-title">Fix {checks.join(', ')}</DialogTitle>
      <DialogContent>
        {loading && <Progress />}
        {error && <ResponseErrorPanel error={error} />}
        {preview && <PreviewBody preview={preview} />}
        {preview && fixedIds.length === 0 && (
          <Typography>No automatic fix applies to this code.</Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        {fixUrl && fixedIds.length > 0 && (
          <LinkButton to={fixUrl(fixedIds)} variant="contained" color="primary">
            Open the change
          </LinkButton>
        )}
      </DialogActions>
    </Dialog>
  );
}
