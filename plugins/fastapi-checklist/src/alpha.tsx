import {
  compatWrapper,
  convertLegacyRouteRef,
} from '@backstage/core-compat-api';
import {
  ApiBlueprint,
  createFrontendModule,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { AppRootWrapperBlueprint } from '@backstage/plugin-app-react';
import {
  EntityCardBlueprint,
  EntityIconLinkBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { isChecklistEnabled } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import PlaylistAddCheckIcon from '@material-ui/icons/PlaylistAddCheck';
import { fastapiChecklistApiRef, FastapiChecklistClient } from './api';
import {
  AuthCookieRefresh,
  useViewSourceIconLinkProps,
} from './components/localRepositoryView';
import {
  rootRouteRef,
  scaffolderTaskRouteRef,
  upgradeTemplateRouteRef,
  fixTemplateRouteRef,
} from './routes';

const checklistApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: fastapiChecklistApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new FastapiChecklistClient(deps),
    }),
});

/**
 * The card, only on entities that enable the checklist. A `content` card fills the
 * overview's main column, beside the `info` column that holds About; the app's
 * `app.extensions` lists it first so it is the column's top card (app-config.yaml).
 */
const checklistCard = EntityCardBlueprint.make({
  name: 'checklist',
  params: {
    type: 'content',
    filter: isChecklistEnabled,
    loader: () =>
      import('./components/EntityFastapiChecklistCard').then(m =>
        compatWrapper(<m.EntityFastapiChecklistCard />),
      ),
  },
});

/** The org-wide page, with a nav entry (title and icon). */
const checklistPage = PageBlueprint.make({
  params: {
    path: '/fastapi-checklist',
    // short enough for the sidebar, which cuts longer titles
    title: 'Readiness',
    // a page needs both a title and an icon to get its sidebar entry
    icon: <PlaylistAddCheckIcon />,
    // the page draws its own core-components Header
    noHeader: true,
    routeRef: convertLegacyRouteRef(rootRouteRef),
    loader: () =>
      import('./components/FastapiChecklistPage').then(m =>
        compatWrapper(<m.FastapiChecklistPage />),
      ),
  },
});

/**
 * The plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'fastapi-checklist',
  extensions: [checklistApi, checklistCard, checklistPage],
  title: 'FastAPI readiness',
  icon: <PlaylistAddCheckIcon />,
  routes: { root: convertLegacyRouteRef(rootRouteRef) },
  externalRoutes: {
    upgradeTemplate: convertLegacyRouteRef(upgradeTemplateRouteRef),
    fixTemplate: convertLegacyRouteRef(fixTemplateRouteRef),
    scaffolderTask: convertLegacyRouteRef(scaffolderTaskRouteRef),
  },
});

/**
 * Replaces the catalog's "View Source" link so that services on the golden path's
 * local target open their read-only view instead of an unusable `file:` path; any other
 * entity keeps the catalog's link. Install it next to the plugin in the app.
 *
 * @alpha
 */
export const fastapiChecklistCatalogModule = createFrontendModule({
  pluginId: 'catalog',
  extensions: [
    EntityIconLinkBlueprint.make({
      name: 'view-source',
      params: { useProps: useViewSourceIconLinkProps },
    }),
  ],
});

/**
 * Keeps the checklist backend's auth cookie fresh for the whole signed-in app, which
 * the read-only view of local repositories accepts: its links (View Source, evidence,
 * the task's Repository) open in the browser, without a token. Root wrappers may only
 * come from the app, hence a module of the app plugin; install it in the app.
 *
 * @alpha
 */
export const fastapiChecklistAppModule = createFrontendModule({
  pluginId: 'app',
  extensions: [
    AppRootWrapperBlueprint.make({
      name: 'fastapi-checklist-cookie',
      params: {
        component: ({ children }) =>
          compatWrapper(<AuthCookieRefresh>{children}</AuthCookieRefresh>),
      },
    }),
  ],
});
