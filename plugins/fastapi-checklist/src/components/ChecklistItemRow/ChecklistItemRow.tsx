import { Link } from '@backstage/core-components';
import type {
  CheckResult,
  Evidence,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { Box, Chip, Typography } from '@material-ui/core';
import type { ReactNode } from 'react';
import { StatusIcon } from './StatusIcon';
import { WaiverLine } from './WaiverLine';

export type EvidenceLinker = (evidence: Evidence) => string | undefined;

/** Evidence lines shown per check; the rest is counted, not hidden silently. */
const MAX_EVIDENCE = 10;

function EvidenceLine({
  evidence,
  linkTo,
}: {
  evidence: Evidence;
  linkTo: EvidenceLinker;
}) {
  const location = `${evidence.path}${
    evidence.line ? `:${evidence.line}` : ''
  }`;
  const href = linkTo(evidence);
  return (
    <li>
      {href ? <Link to={href}>{location}</Link> : <code>{location}</code>}
      {evidence.message ? ` — ${evidence.message}` : ''}
    </li>
  );
}

/**
 * One check: status, title, summary, and for anything but a pass the evidence and the
 * fix; a waived check also its waiver (it still needs the fix, later).
 */
export function ChecklistItemRow({
  item,
  linkTo,
  action,
}: {
  item: CheckResult;
  linkTo: EvidenceLinker;
  /** Shown after the fix's text, e.g. the card's "Fix it". */
  action?: ReactNode;
}) {
  const needsAction =
    item.status !== 'pass' && item.status !== 'not-applicable';
  const hidden = item.evidence.length - MAX_EVIDENCE;
  return (
    <Box
      component="li"
      mb={1}
      data-testid={`check-${item.id}`}
      style={{ listStyle: 'none' }}
    >
      {/* the status indicator is a flex box of its own: a row keeps it on the title's line */}
      <Box display="flex" alignItems="baseline" data-testid="check-title">
        <StatusIcon status={item.status} />
        <Typography variant="subtitle2" component="span">
          {item.title}
        </Typography>
        {item.status === 'waived' && (
          <Box ml={1} component="span">
            <Chip size="small" variant="outlined" label="Waived" />
          </Box>
        )}
      </Box>
      <Typography variant="body2" color="textSecondary">
        {item.summary}
      </Typography>
      {item.waiver && <WaiverLine waiver={item.waiver} />}
      {needsAction && item.evidence.length > 0 && (
        <ul aria-label={`${item.title} evidence`}>
          {item.evidence.slice(0, MAX_EVIDENCE).map((evidence, index) => (
            <EvidenceLine key={index} evidence={evidence} linkTo={linkTo} />
          ))}
          {hidden > 0 && <li>and {hidden} more</li>}
        </ul>
      )}
      {needsAction && (
        <Typography variant="body2">
          {item.remediation} <Link to={item.docsUrl}>Docs</Link>
        </Typography>
      )}
      {action}
    </Box>
  );
}
