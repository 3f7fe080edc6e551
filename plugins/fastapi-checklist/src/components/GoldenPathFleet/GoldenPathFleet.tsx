import { parseEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type {
  FleetUpgradeRow,
  UpgradeChange,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { Box, Button, Typography } from '@material-ui/core';
import { useMemo, useState } from 'react';
import {
  BulkProgress,
  BulkResultCell,
  BulkResults,
  completedKeys,
} from '../bulkTasks';
import { useBulkUpgrade } from './useBulkUpgrade';
import { useFleetUpgrades } from './useFleetUpgrades';

/** Upgrade tasks the bulk action runs at once, unless the page says otherwise. */
export const DEFAULT_BULK_CONCURRENCY = 3;

const CHANGE_TEXT: Record<UpgradeChange['state'], string> = {
  open: 'open',
  conflicts: 'conflicts',
  merged: 'merged',
  closed: 'closed',
};

function ChangeCell(props: { row: FleetUpgradeRow }) {
  const { change, changeError } = props.row;
  if (changeError) return <span title={changeError}>unreadable</span>;
  if (!change) return <>–</>;
  const text = CHANGE_TEXT[change.state];
  return change.url ? <Link to={change.url}>{text}</Link> : <>{text}</>;
}

const columns: TableColumn<FleetUpgradeRow>[] = [
  {
    title: 'Service',
    field: 'entityRef',
    highlight: true,
    render: row => (
      <EntityRefLink
        entityRef={parseEntityRef(row.entityRef)}
        title={row.title}
      />
    ),
  },
  { title: 'Version', field: 'version', render: row => row.version ?? '–' },
  {
    title: 'Template version',
    field: 'latest',
    render: row => row.latest ?? '–',
  },
  {
    title: 'Upgrade change',
    sorting: false,
    render: row => <ChangeCell row={row} />,
  },
  {
    title: 'Bulk upgrade',
    sorting: false,
    render: row => <BulkResultCell entityRef={row.entityRef} />,
  },
];
/** Services the bulk action can upgrade: behind, and made from a known template. */
const selectable = (row: FleetUpgradeRow) => row.behind && !!row.template;

/**
 * The fleet on the golden path: each service's version, how many are behind the
 * template, which have an open upgrade change, and a bulk action that opens upgrade
 * changes for the selected services (one upgrade task each, `concurrency` running at a
 * time, each followed to its change or why it failed). The selection is locked while a
 * run is in progress; once its tasks have ended, the fleet is read again, the changes of
 * the services they upgraded looked up anew, and those services unselected (the failed
 * ones stay selected, ready to be tried again), as the fixes card does.
 */
export function GoldenPathFleet(props: { concurrency?: number }) {
  const { value, error, refresh } = useFleetUpgrades();
  const bulk = useBulkUpgrade({
    concurrency: props.concurrency ?? DEFAULT_BULK_CONCURRENCY,
  });
  // the selected services' entity refs
  const [selected, setSelected] = useState<Set<string>>(new Set());
  // The services' table opens on demand: the page's own table stays the only one
  // listing every service until the reader asks for this one.
  const [expanded, setExpanded] = useState(false);
  const canLaunch = !!bulk.start;
  const { running } = bulk;
  // the same options object between renders; a new one when a run starts or ends, which
  // keeps the selection as the rows have ids
  const options = useMemo(
    () => ({
      selection: canLaunch,
      selectionProps: (row: FleetUpgradeRow) => ({
        disabled: running || !selectable(row),
        inputProps: { 'aria-label': `Select ${row.entityRef}` },
      }),
      headerSelectionProps: { disabled: running },
      pageSize: 20,
      search: true,
    }),
    [canLaunch, running],
  );
  // The selection is the card's: each row's checkbox shows it (a row's `tableData`
  // overrides what material-table kept for its id), so a run can clear part of it.
  const data = useMemo(
    () =>
      value?.rows.map(row => ({
        ...row,
        id: row.entityRef,
        tableData: { checked: selected.has(row.entityRef) },
      })),
    [value, selected],
  );

  if (!value || !data)
    return error ? <ResponseErrorPanel error={error} /> : <Progress />;
  const fleet = value;
  const chosen = fleet.rows.filter(
    row => selected.has(row.entityRef) && selectable(row),
  );
  const open = async () => {
    const ended = await bulk.start?.(chosen);
    if (!ended) return;
    const completed = completedKeys(ended);
    setSelected(
      previous =>
        new Set([...previous].filter(ref => !completed.includes(ref))),
    );
    // the fleet as the backend has it once the tasks have ended, with their changes
    refresh(completed);
  };

  return (
    <InfoCard title="Golden path versions">
      <Box display="flex" flexWrap="wrap" style={{ gap: 24 }} mb={2}>
        <Box>
          {fleet.versions.map(({ version, services }) => (
            <Typography
              key={version}
              variant="body2"
              data-testid={`fleet-version-${version}`}
            >
              {version}: {services}
            </Typography>
          ))}
        </Box>
        <Typography variant="body2" data-testid="fleet-behind">
          Behind the template: {fleet.totals.behind} of {fleet.totals.services}
        </Typography>
        <Typography variant="body2" data-testid="fleet-open-changes">
          With an open upgrade change: {fleet.totals.openChanges}
        </Typography>
      </Box>
      {error && <ResponseErrorPanel error={error} />}
      {fleet.changesNotLookedUp > 0 && (
        <Typography variant="caption" color="textSecondary" component="p">
          Upgrade changes are looked up for the first {fleet.changeLookupLimit}{' '}
          services behind; {fleet.changesNotLookedUp} more were not.
        </Typography>
      )}
      <Button
        variant="outlined"
        aria-expanded={expanded}
        onClick={() => {
          // a table opened again starts with nothing selected, as it shows
          setSelected(new Set());
          setExpanded(!expanded);
        }}
      >
        {expanded
          ? 'Hide the services'
          : 'Show the services and their upgrades'}
      </Button>
      {expanded && (
        <>
          {bulk.start && (
            <Box display="flex" alignItems="center" style={{ gap: 16 }} my={1}>
              <Button
                variant="contained"
                color="primary"
                disabled={running || chosen.length === 0}
                onClick={() => void open()}
              >
                Open upgrade changes ({chosen.length})
              </Button>
              {bulk.total > 0 && (
                <BulkProgress
                  finished={bulk.finished}
                  total={bulk.total}
                  noun="upgrade"
                  testId="bulk-progress"
                />
              )}
            </Box>
          )}
          {running && (
            <Typography
              variant="body2"
              color="textSecondary"
              data-testid="bulk-run-lock"
            >
              Upgrade tasks are running: the selection can be changed when they
              end.
            </Typography>
          )}
          <BulkResults.Provider value={bulk.results}>
            <Table<FleetUpgradeRow>
              title="Versions by service"
              columns={columns}
              data={data}
              options={options}
              onSelectionChange={rows =>
                setSelected(new Set(rows.map(row => row.entityRef)))
              }
            />
          </BulkResults.Provider>
        </>
      )}
    </InfoCard>
  );
}
