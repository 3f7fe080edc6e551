import { parseEntityRef } from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { getCheck } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import {
  Box,
  Button,
  Checkbox,
  LinearProgress,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { useEffect, useState } from 'react';
import { BulkResultCell, BulkResults } from '../bulkTasks';
import { useBulkFix } from './useBulkFix';
import { useFleetFixes } from './useFleetFixes';

/**
 * The services failing or warning one fixable check that the caller may fix, all
 * selected at first, and "Open fix changes": one fix task per selected service,
 * `concurrency` running at a time, each with its result.
 */
export function FleetFixTable(props: { check: string; concurrency: number }) {
  const { check, concurrency } = props;
  const { value, loading, error } = useFleetFixes(check);
  const bulk = useBulkFix({ concurrency });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  // every service is selected once the list comes
  useEffect(() => {
    setSelected(new Set(value?.rows.map(row => row.entityRef)));
  }, [value]);

  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const { rows, notOffered } = value!;
  const title = getCheck(check)?.title ?? check;
  const toggle = (entityRef: string) =>
    setSelected(previous => {
      const next = new Set(previous);
      if (!next.delete(entityRef)) next.add(entityRef);
      return next;
    });
  const allSelected = rows.length > 0 && selected.size === rows.length;

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
      {rows.length === 0 ? (
        <Typography variant="body2">
          No service you may fix fails or warns {title}.
        </Typography>
      ) : (
        <>
          {bulk.start && (
            <Box display="flex" alignItems="center" style={{ gap: 16 }} my={1}>
              <Button
                variant="contained"
                color="primary"
                disabled={bulk.running || selected.size === 0}
                onClick={() =>
                  bulk.start?.(
                    check,
                    rows.filter(row => selected.has(row.entityRef)),
                  )
                }
              >
                Open fix changes ({selected.size})
              </Button>
              {bulk.total > 0 && (
                <Box flex={1}>
                  <Typography variant="body2" data-testid="fix-progress">
                    {bulk.finished} of {bulk.total} fix tasks finished
                  </Typography>
                  <LinearProgress
                    variant="determinate"
                    value={(100 * bulk.finished) / bulk.total}
                  />
                </Box>
              )}
            </Box>
          )}
          <BulkResults.Provider value={bulk.results}>
            <Table
              size="small"
              aria-label={`Services failing or warning ${title}`}
            >
              <TableHead>
                <TableRow>
                  <TableCell padding="checkbox">
                    <Checkbox
                      checked={allSelected}
                      indeterminate={selected.size > 0 && !allSelected}
                      disabled={bulk.running}
                      onChange={() =>
                        setSelected(
                          new Set(
                            allSelected ? [] : rows.map(row => row.entityRef),
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
                {rows.map(row => (
                  <TableRow key={row.entityRef}>
                    <TableCell padding="checkbox">
                      <Checkbox
                        checked={selected.has(row.entityRef)}
                        disabled={bulk.running}
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
                    <TableCell>{row.status}</TableCell>
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
