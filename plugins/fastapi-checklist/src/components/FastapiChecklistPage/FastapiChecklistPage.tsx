import {
  Content,
  ContentHeader,
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
  getCheck,
  SummaryQuery,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { Button, Grid, Typography } from '@material-ui/core';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { fastapiChecklistApiRef } from '../../api';
import { downloadCsv } from './downloadCsv';
import { SummaryTable } from './SummaryTable';

const ALL = 'all';
const options = (values: (string | undefined)[]) => [
  { label: 'All', value: ALL },
  ...[...new Set(values.filter((v): v is string => !!v))]
    .sort()
    .map(v => ({ label: v, value: v })),
];

/** The org-wide view: every FastAPI service's checklist, filterable and exportable. */
export function FastapiChecklistPage() {
  const api = useApi(fastapiChecklistApiRef);
  const [filters, setFilters] = useState<SummaryQuery>({});
  const everything = useAsync(() => api.getSummary(), [api]);
  const filtered = useAsync(() => api.getSummary(filters), [api, filters]);
  const setFilter = (key: keyof SummaryQuery) => (value: unknown) =>
    setFilters(current => ({
      ...current,
      [key]: value === ALL ? undefined : String(value),
    }));

  const rows = everything.value?.rows ?? [];
  const summary = filtered.value;
  return (
    <Page themeId="tool">
      <Header
        title="FastAPI production readiness"
        subtitle="The golden path's checklist across every service"
      />
      <Content>
        <ContentHeader title="Services">
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
        </ContentHeader>
        {(everything.error || filtered.error) && (
          <ResponseErrorPanel error={(everything.error ?? filtered.error)!} />
        )}
        {!summary && !filtered.error && <Progress />}
        {summary && (
          <Grid container spacing={3}>
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
            <Grid item xs={12} md={4}>
              <Select
                label="Owner"
                items={options(rows.map(r => r.owner))}
                selected={filters.owner ?? ALL}
                onChange={setFilter('owner')}
              />
            </Grid>
            <Grid item xs={12} md={4}>
              <Select
                label="Lifecycle"
                items={options(rows.map(r => r.lifecycle))}
                selected={filters.lifecycle ?? ALL}
                onChange={setFilter('lifecycle')}
              />
            </Grid>
            <Grid item xs={12} md={4}>
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
            <Grid item xs={12}>
              <SummaryTable rows={summary.rows} />
            </Grid>
          </Grid>
        )}
      </Content>
    </Page>
  );
}
