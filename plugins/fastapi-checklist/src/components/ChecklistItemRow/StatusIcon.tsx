import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import type { CheckStatus } from '@fastapi-golden-path/plugin-fastapi-checklist-common';

/** The core-components status indicator for a check status. */
export function StatusIcon({ status }: { status: CheckStatus }) {
  switch (status) {
    case 'pass':
      return <StatusOK aria-label="pass" />;
    case 'warn':
      return <StatusWarning aria-label="warn" />;
    case 'fail':
      return <StatusError aria-label="fail" />;
    case 'error':
      return <StatusAborted aria-label="error" />;
    case 'waived':
      // the row says "Waived" beside the title: the icon alone would read as pending
      return <StatusPending aria-label="waived" />;
    default:
      return <StatusPending aria-label="not applicable" />;
  }
}
