import {
  Content,
  Header,
  InfoCard,
  Page,
  Progress,
  ResponseErrorPanel,
  Select,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  CHECKS,
  ChecklistSummary,
  getCheck,
  NO_LEVEL,
  WAIVER_EXPIRING_SOON_DAYS,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { Box, Button, Grid, Typography } from '@material-ui/core';
import { useCallback, useState } from 'react';
import { fastapiChecklistApiRef } from '../../api';
import { FleetFixes } from '../FleetFixes';
import { GoldenPathFleet } from '../GoldenPathFleet';
import { downloadCsv } from './downloadCsv';
import { summaryRequest, SummaryTable, TableQuery } from './SummaryTable';
import { useEntityTitles } from './useEntityTitles';
import { FilterKey, useSummaryFilters } from './useSummaryFilters';

const ALL = 'all';
/** A level's name as the page shows it (`none`: below every level). */
const levelLabel = (name: string) =>
  name === NO_LEVEL ? 'Below every level' : name;
/** "All" and each distinct value, labelled (e.g. an owner ref by its title) and sorted by label. */
const options = (
  values: (string | undefined)[],
  label: (value: string) => string = v => v,
) => [
  { label: 'All', value: ALL },
  ...[...new Set(values.filter((v): v is string => !!v))]
    .map(v => ({ label: label(v), value: v }))
    .sort((a, b) => a.label.localeCompare(b.label)),
];

/** The org-wide view: every FastAPI service's checklist, filterable, paged and exportable. */
export function FastapiChecklistPage(props: {
  /** Upgrade tasks the fleet's bulk action starts at once (default 3). */
  upgradeConcurrency?: number;
  /** Fix tasks the bulk fix runs at once (default 3). */
  fixConcurrency?: number;
}) {
  const api = useApi(fastapiChecklistApiRef);
  // the filters live in the URL: a filtered view can be shared as a link
  const [filters, setFilterValue] = useSummaryFilters();
  // The latest page's answer: its totals and facets fill the cards and the filters.
  const [summary, setSummary] = useState<ChecklistSummary>();
  const [error, setError] = useState<Error>();
  const { owner, lifecycle, failing, level } = filters;
  const load = useCallback(
    async (query: TableQuery) => {
      try {
        const page = await api.getSummary(
          summaryRequest({ owner, lifecycle, failing, level }, query),
        );
        setSummary(page);
        setError(undefined);
        return page;
      } catch (e) {
        setError(e as Error);
        throw e;
      }
    },
    [api, owner, lifecycle, failing, level],
  );
  const setFilter = (key: FilterKey) => (value: unknown) =>
    setFilterValue(key, value === ALL ? undefined : String(value));

  // owners by the names the table's links show ("Team A"), not their refs
  const ownerTitle = useEntityTitles(summary?.facets.owners ?? [], 'group');
  return (
    <Page themeId="tool">
      <Header
        title="FastAPI production readiness"
        subtitle="The golden path's checklist across every service"
      />
      <Content>
        {/* no heading of its own: the Services card below names the count */}
        <Box display="flex" justifyContent="flex-end" mb={2}>
          <Button
            variant="outlined"
            onClick={async () =>
              downloadCsv(
                await api.getSummaryCsv(filters),
                'fastapi-checklist.csv',
              )
            }
          >
            Export CSV
          </Button>
        </Box>
        {error && <ResponseErrorPanel error={error} />}
        {!summary && !error && <Progress />}
        <Grid container spacing={3}>
          {summary && (
            <>
              <Grid item xs={12} md={4}>
                <InfoCard title="Services">
                  <Typography variant="h3" data-testid="total-services">
                    {summary.totals.services}
                  </Typography>
                </InfoCard>
              </Grid>
              <Grid item xs={12} md={4}>
                <InfoCard title="Average score">
                  <Typography variant="h3" data-testid="average-score">
                    {summary.totals.averageScore ?? '–'}
                  </Typography>
                </InfoCard>
              </Grid>
              <Grid item xs={12} md={4}>
                <InfoCard title="Most failed checks">
                  {summary.totals.mostFailed.length === 0
                    ? 'None'
                    : summary.totals.mostFailed.map(({ id, count }) => (
                        <Typography key={id} variant="body2">
                          {getCheck(id)?.title ?? id}: {count}
                        </Typography>
                      ))}
                </InfoCard>
              </Grid>
              <Grid item xs={12} md={6}>
                <InfoCard title="Levels">
                  {summary.facets.levels.map(({ name, services }) => (
                    <Typography
                      key={name}
                      variant="body2"
                      data-testid={`level-count-${name}`}
                    >
                      {levelLabel(name)}: {services}
                    </Typography>
                  ))}
                </InfoCard>
              </Grid>
              <Grid item xs={12} md={6}>
                <InfoCard title="Waivers">
                  <Typography variant="h3" data-testid="total-waivers">
                    {summary.totals.waivers}
                  </Typography>
                  <Typography variant="body2" data-testid="waivers-expiring">
                    {summary.totals.waiversExpiringSoon} expiring within{' '}
                    {WAIVER_EXPIRING_SOON_DAYS} days
                  </Typography>
                </InfoCard>
              </Grid>
              <Grid item xs={12} md={3}>
                <Select
                  label="Owner"
                  items={options(summary.facets.owners, ownerTitle)}
                  selected={filters.owner ?? ALL}
                  onChange={setFilter('owner')}
                />
              </Grid>
              <Grid item xs={12} md={3}>
                <Select
                  label="Lifecycle"
                  items={options(summary.facets.lifecycles)}
                  selected={filters.lifecycle ?? ALL}
                  onChange={setFilter('lifecycle')}
                />
              </Grid>
              <Grid item xs={12} md={3}>
                <Select
                  label="Level"
                  items={[
                    { label: 'All', value: ALL },
                    ...summary.facets.levels.map(({ name, services }) => ({
                      label: `${levelLabel(name)} (${services})`,
                      value: name,
                    })),
                  ]}
                  selected={filters.level ?? ALL}
                  onChange={setFilter('level')}
                />
              </Grid>
              <Grid item xs={12} md={3}>
                <Select
                  label="Failing check"
                  items={[
                    { label: 'All', value: ALL },
                    ...CHECKS.map(c => ({ label: c.title, value: c.id })),
                  ]}
                  selected={filters.failing ?? ALL}
                  onChange={setFilter('failing')}
                />
              </Grid>
            </>
          )}
          <Grid item xs={12}>
            <GoldenPathFleet concurrency={props.upgradeConcurrency} />
          </Grid>
          <Grid item xs={12}>
            <FleetFixes concurrency={props.fixConcurrency} />
          </Grid>
          <Grid item xs={12}>
            {/* a new table (from the first page) whenever the filters change */}
            <SummaryTable
              key={JSON.stringify([owner, lifecycle, failing, level])}
              load={load}
            />
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
