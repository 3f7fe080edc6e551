import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  Select,
} from '@backstage/core-components';
import { getCheck } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { Typography } from '@material-ui/core';
import { useState } from 'react';
import { FleetFixTable } from './FleetFixTable';
import { useFleetFixes } from './useFleetFixes';

/** Fix tasks the bulk action runs at once, unless the page says otherwise. */
export const DEFAULT_FIX_CONCURRENCY = 3;

/**
 * Fixes across the fleet: pick a check with an automatic fix, see the services you may
 * fix that fail or warn it, and open a fix change for each selected one (the Fix
 * readiness checks template, as the card's Fix it).
 */
export function FleetFixes(props: { concurrency?: number }) {
  const { value, loading, error } = useFleetFixes();
  const [check, setCheck] = useState<string>();

  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const offered = value!.checks.filter(c => c.services > 0);

  return (
    <InfoCard title="Automatic fixes">
      {offered.length === 0 ? (
        <Typography variant="body2">
          No service you may fix fails or warns a check with an automatic fix.
        </Typography>
      ) : (
        <>
          <Select
            label="Check to fix"
            placeholder="Choose a check"
            items={offered.map(({ id, services }) => ({
              label: `${getCheck(id)?.title ?? id} (${services})`,
              value: id,
            }))}
            selected={check}
            onChange={id => setCheck(String(id))}
          />
          {/* a new list and a new run for each check */}
          {check && (
            <FleetFixTable
              key={check}
              check={check}
              concurrency={props.concurrency ?? DEFAULT_FIX_CONCURRENCY}
            />
          )}
        </>
      )}
    </InfoCard>
  );
}
