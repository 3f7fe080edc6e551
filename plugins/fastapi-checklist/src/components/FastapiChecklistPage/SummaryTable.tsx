import { parseEntityRef } from '@backstage/catalog-model';
import { Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  ChecklistSummaryRow,
  getCheck,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { Chip } from '@material-ui/core';

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
  { title: 'Lifecycle', field: 'lifecycle' },
  {
    title: 'Score',
    field: 'score',
    type: 'numeric',
    render: row => (row.status === 'error' ? 'error' : row.score ?? 'pending'),
  },
  {
    title: 'Failing checks',
    field: 'failing',
    sorting: false,
    render: row =>
      // titles, as the Failing check filter and the card name them
      row.failing.map(id => (
        <Chip key={id} size="small" label={getCheck(id)?.title ?? id} />
      )),
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
    render: row => trendText(row.trend),
  },
];

/** Every checklist-enabled service, sortable by any column. */
export function SummaryTable({ rows }: { rows: ChecklistSummaryRow[] }) {
  return (
    <Table<ChecklistSummaryRow>
      title="FastAPI services"
      options={{ paging: rows.length > 20, pageSize: 20, search: true }}
      columns={columns}
      data={rows}
    />
  );
}
