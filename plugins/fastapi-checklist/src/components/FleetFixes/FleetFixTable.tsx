import { parseEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  FleetFixRow,
  getCheck,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import {
  Box,
  Button,
  Checkbox,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { useState } from 'react';
import {
  BulkProgress,
  BulkResultCell,
  BulkResults,
  BulkTaskResult,
  completedKeys,
} from '../bulkTasks';

const NO_RESULTS: Record<string, BulkTaskResult> = {};

/** A run's results and the services it was started on, for the check the table lists. */
export type FleetFixRun = {
  rows: FleetFixRow[];
  results: Record<string, BulkTaskResult>;
  finished: number;
  total: number;
};

/**
 * The services failing or warning one fixable check that the caller may fix, all
 * selected at first, and "Open fix changes" (`onOpen`, absent without a scaffolder): one
 * fix task per selected service, each with its result. While a run is in progress the
 * selection is locked. A run's services stay listed with their results after the list is
 * read again, those no longer in it marked so; those it opened a change for are no longer
 * selected.
 */
export function FleetFixTable(props: {
  check: string;
  rows: FleetFixRow[];
  notOffered: number;
  running: boolean;
  run?: FleetFixRun;
  onOpen?: (
    rows: FleetFixRow[],
  ) => Promise<Record<string, BulkTaskResult> | undefined>;
}) {
  const { check, rows, notOffered, running, run, onOpen } = props;
  // the services left out: every service is selected at first
  const [unselected, setUnselected] = useState<Set<string>>(
    () => new Set(run ? completedKeys(run.results) : []),
  );
  const listed = new Set(rows.map(row => row.entityRef));
  const gone = (run?.rows ?? []).filter(row => !listed.has(row.entityRef));
  const selected = rows.filter(row => !unselected.has(row.entityRef));
  const title = getCheck(check)?.title ?? check;
  const toggle = (entityRef: string) =>
    setUnselected(previous => {
      const next = new Set(previous);
      if (!next.delete(entityRef)) next.add(entityRef);
      return next;
    });
  const allSelected = rows.length > 0 && selected.length === rows.length;
  const open = async () => {
    const ended = await onOpen?.(selected);
    if (ended)
      setUnselected(
        previous => new Set([...previous, ...completedKeys(ended)]),
      );
  };

  return (
    <Box mt={2}>
      {notOffered > 0 && (
        <Typography
          variant="body2"
          color="textSecondary"
          data-testid="fix-not-offered"
        >
          {notOffered} more{' '}
          {notOffered === 1 ? 'service fails' : 'services fail'} or{' '}
          {notOffered === 1 ? 'warns' : 'warn'} {title}, but you may not
          re-check {notOffered === 1 ? 'it' : 'them'}: only their owners can fix
          them.
        </Typography>
      )}
      {rows.length === 0 && gone.length === 0 ? (
        <Typography variant="body2">
          No service you may fix fails or warns {title}.
        </Typography>
      ) : (
        <>
          {onOpen && (
            <Box display="flex" alignItems="center" style={{ gap: 16 }} my={1}>
              <Button
                variant="contained"
                color="primary"
                disabled={running || selected.length === 0}
                onClick={() => void open()}
              >
                Open fix changes ({selected.length})
              </Button>
              {run && run.total > 0 && (
                <BulkProgress
                  finished={run.finished}
                  total={run.total}
                  noun="fix"
                  testId="fix-progress"
                />
              )}
            </Box>
          )}
          <BulkResults.Provider value={run?.results ?? NO_RESULTS}>
            <Table
              size="small"
              aria-label={`Services failing or warning ${title}`}
            >
              <TableHead>
                <TableRow>
                  <TableCell padding="checkbox">
                    <Checkbox
                      checked={allSelected}
                      indeterminate={selected.length > 0 && !allSelected}
                      disabled={running || rows.length === 0}
                      onChange={() =>
                        setUnselected(
                          new Set(
                            allSelected ? rows.map(row => row.entityRef) : [],
                          ),
                        )
                      }
                      inputProps={{ 'aria-label': 'Select every service' }}
                    />
                  </TableCell>
                  <TableCell>Service</TableCell>
                  <TableCell>Status</TableCell>
                  <TableCell>Fix</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {[...rows, ...gone].map(row => (
                  <TableRow key={row.entityRef}>
                    <TableCell padding="checkbox">
                      <Checkbox
                        checked={
                          listed.has(row.entityRef) &&
                          !unselected.has(row.entityRef)
                        }
                        disabled={running || !listed.has(row.entityRef)}
                        onChange={() => toggle(row.entityRef)}
                        inputProps={{
                          'aria-label': `Select ${row.entityRef}`,
                        }}
                      />
                    </TableCell>
                    <TableCell>
                      <EntityRefLink
                        entityRef={parseEntityRef(row.entityRef)}
                        title={row.title}
                      />
                    </TableCell>
                    <TableCell>
                      {listed.has(row.entityRef)
                        ? row.status
                        : 'no longer listed'}
                    </TableCell>
                    <TableCell>
                      <BulkResultCell entityRef={row.entityRef} />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </BulkResults.Provider>
        </>
      )}
    </Box>
  );
}
