import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  Select,
} from '@backstage/core-components';
import {
  FleetFixRow,
  getCheck,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { Typography } from '@material-ui/core';
import { useState } from 'react';
import { FleetFixTable } from './FleetFixTable';
import { useBulkFix } from './useBulkFix';
import { useFleetFixes } from './useFleetFixes';

/** Fix tasks the bulk action runs at once, unless the page says otherwise. */
export const DEFAULT_FIX_CONCURRENCY = 3;

const titleOf = (check: string) => getCheck(check)?.title ?? check;

/**
 * Fixes across the fleet: pick a check with an automatic fix, see the services you may
 * fix that fail or warn it, and open a fix change for each selected one (the Fix
 * readiness checks template, as the card's Fix it). The check cannot change while a run
 * is in progress; once it ends, the counts and the list are read again.
 */
export function FleetFixes(props: { concurrency?: number }) {
  const [check, setCheck] = useState<string>();
  const fixes = useFleetFixes(check);
  const bulk = useBulkFix({
    concurrency: props.concurrency ?? DEFAULT_FIX_CONCURRENCY,
  });
  const { value, error, retry } = fixes;

  if (!value)
    return error ? <ResponseErrorPanel error={error} /> : <Progress />;
  // the picked check stays offered when a refresh finds nothing left to fix
  const offered = value.checks.filter(c => c.services > 0 || c.id === check);
  const run = bulk.run?.check === check ? bulk.run : undefined;
  const open = async (rows: FleetFixRow[]) => {
    const ended = await bulk.start?.(check!, rows);
    // the backend's state after the run: its counts and the services left to fix
    if (ended) retry();
    return ended;
  };

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
            data-testid="fix-check"
            disabled={bulk.running}
            items={offered.map(({ id, services }) => ({
              label: `${titleOf(id)} (${services})`,
              value: id,
            }))}
            selected={check}
            onChange={id => setCheck(String(id))}
          />
          {bulk.running && bulk.run && (
            <Typography
              variant="body2"
              color="textSecondary"
              data-testid="fix-run-lock"
            >
              Fix tasks for {titleOf(bulk.run.check)} are running: the check and
              the services can be changed when they end.
            </Typography>
          )}
          {error && <ResponseErrorPanel error={error} />}
          {check &&
            (value.check === check ? (
              // a new list and selection for each check; a run's results stay with its check
              <FleetFixTable
                key={check}
                check={check}
                rows={value.rows}
                notOffered={value.notOffered}
                running={bulk.running}
                run={
                  run && {
                    rows: run.rows,
                    results: bulk.results,
                    finished: bulk.finished,
                    total: bulk.total,
                  }
                }
                onOpen={bulk.start && open}
              />
            ) : (
              !error && <Progress />
            ))}
        </>
      )}
    </InfoCard>
  );
}
