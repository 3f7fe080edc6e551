import type { AppliedWaiver } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { Typography } from '@material-ui/core';

/** Who waived a check, why and until when, and what the check really says. */
export function WaiverLine({ waiver }: { waiver: AppliedWaiver }) {
  return (
    <Typography variant="body2" data-testid="waiver">
      Waived until {waiver.expires} by {waiver.approvedBy}: {waiver.reason}{' '}
      (really {waiver.realStatus})
    </Typography>
  );
}
