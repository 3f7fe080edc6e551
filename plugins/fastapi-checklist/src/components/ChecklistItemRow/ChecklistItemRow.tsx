import { Link } from '@backstage/core-components';
import type {
  CheckResult,
  Evidence,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { Box, Typography } from '@material-ui/core';
import { StatusIcon } from './StatusIcon';

export type EvidenceLinker = (evidence: Evidence) => string | undefined;

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

/** One check: status, title, summary, and for anything but a pass the evidence and the fix. */
export function ChecklistItemRow({
  item,
  linkTo,
}: {
  item: CheckResult;
  linkTo: EvidenceLinker;
}) {
  const needsAction =
    item.status !== 'pass' && item.status !== 'not-applicable';
  return (
    <Box
      component="li"
      mb={1}
      data-testid={`check-${item.id}`}
      style={{ listStyle: 'none' }}
    >
      <Typography variant="subtitle2">
        <StatusIcon status={item.status} /> {item.title}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        {item.summary}
      </Typography>
      {needsAction && item.evidence.length > 0 && (
        <ul aria-label={`${item.title} evidence`}>
          {item.evidence.slice(0, 10).map((evidence, index) => (
            <EvidenceLine key={index} evidence={evidence} linkTo={linkTo} />
          ))}
        </ul>
      )}
      {needsAction && (
        <Typography variant="body2">
          {item.remediation} <Link to={item.docsUrl}>Docs</Link>
        </Typography>
      )}
    </Box>
  );
}
