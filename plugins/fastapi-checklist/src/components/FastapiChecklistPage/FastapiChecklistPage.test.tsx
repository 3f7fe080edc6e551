import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  defaultEntityPresentation,
  entityPresentationApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import type {
  ChecklistSummary,
  ChecklistSummaryRow,
  SummaryQuery,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import { fastapiChecklistApiRef } from '../../api';
import { FastapiChecklistPage } from './FastapiChecklistPage';

const row = (
  name: string,
  owner: string,
  score: number,
  failing: string[],
  trend: number | null,
  extra: Partial<ChecklistSummaryRow> = {},
): ChecklistSummaryRow => ({
  entityRef: `component:default/${name}`,
  owner,
  lifecycle: 'production',
  status: 'ok',
  score,
  scoreWithoutWaivers: score,
  level: null,
  failing,
  waived: [],
  evaluatedAt: '2026-11-23T10:00:00.000Z',
  trend,
  ...extra,
});

const rows = [
  row('orders-api', 'group:default/team-a', 100, [], 9, { level: 'Gold' }),
  row('billing', 'group:default/team-b', 73, ['auth', 'cors'], -5, {
    level: 'Bronze',
    scoreWithoutWaivers: 68,
    waived: ['workers'],
  }),
];

const LEVELS = ['Bronze', 'Silver', 'Gold', 'none'];

/** The backend's answer for these rows: filtered, searched, sorted by name, paged. */
function summaryOf(
  query: SummaryQuery = {},
  all: ChecklistSummaryRow[] = rows,
): ChecklistSummary {
  const selected = all.filter(
    r =>
      (!query.owner || r.owner === query.owner) &&
      (!query.failing || r.failing.includes(query.failing)) &&
      (!query.level || (r.level ?? 'none') === query.level) &&
      (!query.search || r.entityRef.includes(query.search)),
  );
  const offset = query.offset ?? 0;
  return {
    rows: selected.slice(offset, offset + (query.limit ?? selected.length)),
    totals: {
      services: selected.length,
      averageScore: selected.length
        ? Math.round(
            selected.reduce((s, r) => s + r.score!, 0) / selected.length,
          )
        : null,
      mostFailed: selected.some(r => r.failing.length)
        ? [{ id: 'auth', count: 1 }]
        : [],
      waivers: selected.reduce((sum, r) => sum + r.waived.length, 0),
      // every waiver of these rows expires soon
      waiversExpiringSoon: selected.reduce(
        (sum, r) => sum + r.waived.length,
        0,
      ),
    },
    facets: {
      owners: [...new Set(all.map(r => r.owner!))].sort(),
      lifecycles: ['production'],
      levels: LEVELS.map(name => ({
        name,
        services: all.filter(r => (r.level ?? 'none') === name).length,
      })),
    },
  };
}

/** The catalog's names of the owners, as the presentation API gives them. */
const TITLES: Record<string, string> = {
  'group:default/team-a': 'Team A',
  'group:default/team-b': 'Team B',
};
const entityPresentationApi = {
  forEntity: (ref: string, context?: { defaultKind?: string }) => {
    const fallback = defaultEntityPresentation(ref, context);
    const snapshot = {
      ...fallback,
      primaryTitle: TITLES[ref] ?? fallback.primaryTitle,
    };
    return { snapshot, promise: Promise.resolve(snapshot) };
  },
};

/** Shows the page's query string, as a shared link would carry it. */
function CurrentSearch() {
  return <output data-testid="search">{useLocation().search}</output>;
}

async function renderPage(route = '/', all: ChecklistSummaryRow[] = rows) {
  const api = {
    getSummary: jest.fn(async (query?: SummaryQuery) => summaryOf(query, all)),
    getSummaryCsv: jest.fn(
      async () => 'entityRef,score\r\ncomponent:default/orders-api,100\r\n',
    ),
    // the fleet's versions (GoldenPathFleet has its own tests)
    getFleetUpgrades: jest.fn(async () => ({
      rows: [],
      totals: { services: 0, behind: 0, openChanges: 0 },
      versions: [],
      changeLookupLimit: 200,
      changesNotLookedUp: 0,
    })),
    // the fleet's fixes (FleetFixes has its own tests)
    getFleetFixes: jest.fn(async () => ({
      checks: [],
      rows: [],
      notOffered: 0,
    })),
  };
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [fastapiChecklistApiRef, api],
        [entityPresentationApiRef, entityPresentationApi],
      ]}
    >
      <FastapiChecklistPage />
      <CurrentSearch />
    </TestApiProvider>,
    {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      routeEntries: [route],
    },
  );
  return api;
}

// The material-table and MUI renders take seconds on a loaded 2-core CI machine.
jest.setTimeout(30_000);

describe('FastapiChecklistPage', () => {
  it('lists every service with its score, failing checks, trend and the totals', async () => {
    await renderPage();
    expect(await screen.findByText('orders-api')).toBeInTheDocument();
    expect(screen.getByText('billing')).toBeInTheDocument();
    expect(screen.getByTestId('total-services')).toHaveTextContent('2');
    expect(screen.getByTestId('average-score')).toHaveTextContent('87');
    expect(
      screen.getByText('Mutating routes authenticated: 1'),
    ).toBeInTheDocument();
    const billing = screen.getByText('billing').closest('tr')!;
    // failing checks by title, as the Failing check filter names them
    expect(
      within(billing).getByText('Mutating routes authenticated'),
    ).toBeInTheDocument();
    expect(within(billing).queryByText('auth')).not.toBeInTheDocument();
    // the owner by the catalog's name, as the Owner filter names it
    expect(within(billing).getByText('Team B')).toBeInTheDocument();
    expect(within(billing).getByText('▼ -5')).toBeInTheDocument();
    expect(screen.getByText('orders-api').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/component/orders-api',
    );
  });

  it("counts services per level and the waivers, and shows each row's level, waivers and both scores", async () => {
    await renderPage();
    await screen.findByText('billing');
    expect(screen.getByTestId('level-count-Gold')).toHaveTextContent('Gold: 1');
    expect(screen.getByTestId('level-count-Bronze')).toHaveTextContent(
      'Bronze: 1',
    );
    expect(screen.getByTestId('level-count-none')).toHaveTextContent(
      'Below every level: 0',
    );
    expect(screen.getByTestId('total-waivers')).toHaveTextContent('1');
    expect(screen.getByTestId('waivers-expiring')).toHaveTextContent(
      '1 expiring within 14 days',
    );
    const billing = screen.getByText('billing').closest('tr')!;
    expect(within(billing).getByText('Bronze')).toBeInTheDocument();
    expect(
      within(billing).getByText('73, or 68 without waivers'),
    ).toBeInTheDocument();
    expect(
      within(billing).getByText('Multiple workers (waived)'),
    ).toBeInTheDocument();
    const orders = screen.getByText('orders-api').closest('tr')!;
    expect(within(orders).getByText('Gold')).toBeInTheDocument();
    expect(within(orders).getByText('100')).toBeInTheDocument();
  });

  it('filters by level through the API, keeping it in the URL', async () => {
    const api = await renderPage();
    await screen.findByText('billing');
    // Owner, Lifecycle, Level, Failing check
    await userEvent.click(screen.getAllByRole('button', { name: /All/ })[2]);
    await userEvent.click(
      await screen.findByRole('option', { name: 'Gold (1)' }),
    );
    await waitFor(() =>
      expect(api.getSummary).toHaveBeenLastCalledWith({
        level: 'Gold',
        limit: 20,
        offset: 0,
      }),
    );
    expect(screen.getByTestId('search')).toHaveTextContent('?level=Gold');
    await waitFor(() =>
      expect(screen.queryByText('billing')).not.toBeInTheDocument(),
    );
    expect(screen.getByText('orders-api')).toBeInTheDocument();
  });

  it('filters by owner through the API', async () => {
    const api = await renderPage();
    await screen.findByText('billing');
    await userEvent.click(screen.getAllByRole('button', { name: /All/ })[0]);
    // the owner is offered by the name the table shows, not its ref
    expect(
      screen.queryByRole('option', { name: 'group:default/team-a' }),
    ).not.toBeInTheDocument();
    await userEvent.click(
      await screen.findByRole('option', { name: 'Team A' }),
    );
    await waitFor(() =>
      expect(api.getSummary).toHaveBeenCalledWith({
        owner: 'group:default/team-a',
        limit: 20,
        offset: 0,
      }),
    );
    // kept in the URL, so the view can be shared
    expect(screen.getByTestId('search')).toHaveTextContent(
      '?owner=group%3Adefault%2Fteam-a',
    );
    await waitFor(() =>
      expect(screen.queryByText('billing')).not.toBeInTheDocument(),
    );
    expect(screen.getByTestId('total-services')).toHaveTextContent('1');
  });

  it('opens a shared link with its filters, ignoring values the backend would refuse', async () => {
    const api = await renderPage(
      '/?owner=group%3Adefault%2Fteam-b&failing=auth&lifecycle=production&sort=bogus&failing=x',
    );
    await waitFor(() =>
      expect(api.getSummary).toHaveBeenCalledWith({
        owner: 'group:default/team-b',
        lifecycle: 'production',
        failing: 'auth',
        limit: 20,
        offset: 0,
      }),
    );
    expect(await screen.findByText('billing')).toBeInTheDocument();
    expect(screen.queryByText('orders-api')).not.toBeInTheDocument();
    const api2 = await renderPage('/?failing=not-a-check');
    await waitFor(() =>
      expect(api2.getSummary).toHaveBeenLastCalledWith({
        limit: 20,
        offset: 0,
      }),
    );
  });

  /** 25 services: a first page of 20 and a second of 5. */
  const many = Array.from({ length: 25 }, (_, i) =>
    row(
      `svc-${String(i).padStart(2, '0')}`,
      'group:default/team-a',
      i,
      [],
      null,
    ),
  );

  it('asks the backend for one page at a time', async () => {
    const api = await renderPage('/', many);
    expect(await screen.findByText('svc-00')).toBeInTheDocument();
    expect(screen.queryByText('svc-20')).not.toBeInTheDocument();
    expect(api.getSummary).toHaveBeenLastCalledWith({ limit: 20, offset: 0 });
    // the totals are the backend's, over every matching service, not the page
    expect(screen.getByTestId('total-services')).toHaveTextContent('25');
    await userEvent.click(screen.getByRole('button', { name: 'Next Page' }));
    expect(await screen.findByText('svc-24')).toBeInTheDocument();
    expect(api.getSummary).toHaveBeenLastCalledWith({ limit: 20, offset: 20 });
    expect(screen.queryByText('svc-00')).not.toBeInTheDocument();
  });

  it('asks the backend for its order and its search', async () => {
    const api = await renderPage('/', many);
    await screen.findByText('svc-00');
    await userEvent.click(screen.getByText('Score'));
    await waitFor(() =>
      expect(api.getSummary).toHaveBeenLastCalledWith(
        expect.objectContaining({ sort: 'score', order: 'asc' }),
      ),
    );
    // one change event: the table debounces its search
    fireEvent.change(screen.getByPlaceholderText('Filter'), {
      target: { value: 'svc-2' },
    });
    await waitFor(() =>
      expect(api.getSummary).toHaveBeenLastCalledWith(
        expect.objectContaining({ search: 'svc-2', offset: 0 }),
      ),
    );
    expect(await screen.findByText('svc-24')).toBeInTheDocument();
    expect(screen.queryByText('svc-00')).not.toBeInTheDocument();
  });

  it('has one Services title, the card’s', async () => {
    await renderPage();
    await screen.findByText('billing');
    expect(screen.getAllByText('Services')).toHaveLength(1);
  });

  it('exports the current view as CSV', async () => {
    const createObjectURL = jest.fn(() => 'blob:csv');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});
    const api = await renderPage();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Export CSV' }),
    );
    await waitFor(() => expect(click).toHaveBeenCalled());
    expect(api.getSummaryCsv).toHaveBeenCalledWith({});
    expect(createObjectURL).toHaveBeenCalledWith(expect.any(Blob));
  });
});
