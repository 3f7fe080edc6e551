import { parseEntityRef } from '@backstage/catalog-model';
import { Table, TableColumn, TableProps } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  ChecklistSummary,
  ChecklistSummaryRow,
  getCheck,
  SummaryQuery,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { Chip } from '@material-ui/core';

/** The score, and the score without waivers when they change it ("82, or 74 without waivers"). */
function scoreText(row: ChecklistSummaryRow): string | number {
  if (row.status === 'error') return 'error';
  if (row.score === null) return 'pending';
  return row.scoreWithoutWaivers !== null &&
    row.scoreWithoutWaivers !== row.score
    ? `${row.score}, or ${row.scoreWithoutWaivers} without waivers`
    : row.score;
}

function trendText(trend: number | null): string {
  if (trend === null || trend === 0) return '–';
  return trend > 0 ? `▲ +${trend}` : `▼ ${trend}`;
}

const columns: TableColumn<ChecklistSummaryRow>[] = [
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
  {
    title: 'Owner',
    field: 'owner',
    render: row =>
      row.owner ? (
        <EntityRefLink entityRef={row.owner} defaultKind="group" />
      ) : (
        '–'
      ),
  },
  { title: 'Lifecycle', field: 'lifecycle', sorting: false },
  {
    title: 'Level',
    field: 'level',
    sorting: false,
    render: row => row.level ?? (row.status === 'ok' ? 'none' : '–'),
  },
  {
    title: 'Score',
    field: 'score',
    type: 'numeric',
    render: row => scoreText(row),
  },
  {
    title: 'Failing checks',
    field: 'failing',
    sorting: false,
    render: row => [
      // titles, as the Failing check filter and the card name them
      ...row.failing.map(id => (
        <Chip key={id} size="small" label={getCheck(id)?.title ?? id} />
      )),
      ...row.waived.map(id => (
        <Chip
          key={`waived-${id}`}
          size="small"
          variant="outlined"
          label={`${getCheck(id)?.title ?? id} (waived)`}
        />
      )),
    ],
  },
  {
    title: 'Last evaluated',
    field: 'evaluatedAt',
    render: row =>
      row.evaluatedAt ? new Date(row.evaluatedAt).toLocaleString() : 'never',
  },
  {
    title: 'Trend',
    field: 'trend',
    type: 'numeric',
    sorting: false,
    render: row => trendText(row.trend),
  },
];

/** What the table asks of a remote data source: page, page size, search and order. */
export type TableQuery = Parameters<
  Exclude<TableProps<ChecklistSummaryRow>['data'], ChecklistSummaryRow[]>
>[0];

/** The backend's sort for each sortable column's field. */
const SORTS: Partial<Record<string, SummaryQuery['sort']>> = {
  entityRef: 'name',
  owner: 'owner',
  score: 'score',
  evaluatedAt: 'evaluatedAt',
};

/** The page of the summary a table query asks for, with the page's filters. */
export function summaryRequest(
  filters: SummaryQuery,
  query: TableQuery,
): SummaryQuery {
  const sort = query.orderBy?.field
    ? SORTS[String(query.orderBy.field)]
    : undefined;
  return {
    ...filters,
    ...(query.search.trim() && { search: query.search.trim() }),
    ...(sort && { sort, order: query.orderDirection || 'asc' }),
    limit: query.pageSize,
    offset: query.page * query.pageSize,
  };
}

/**
 * Every checklist-enabled service, a page at a time: the backend filters, searches,
 * sorts and pages, so an org of 10,000 services loads one page, not every row.
 */
export function SummaryTable({
  load,
}: {
  /** Fetches one page; the table shows its rows, the page the totals. */
  load: (query: TableQuery) => Promise<ChecklistSummary>;
}) {
  return (
    <Table<ChecklistSummaryRow>
      title="FastAPI services"
      options={{
        paging: true,
        pageSize: 20,
        pageSizeOptions: [20, 50, 100],
        search: true,
        debounceInterval: 300,
      }}
      columns={columns}
      data={async query => {
        const summary = await load(query);
        return {
          data: summary.rows,
          page: query.page,
          totalCount: summary.totals.services,
        };
      }}
    />
  );
}
