import { compatWrapper } from '@backstage/core-compat-api';
import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { CHECKLIST_ANNOTATION } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { fastapiChecklistApiRef, FastapiChecklistClient } from './api';
import { rootRouteRef } from './routes';

const checklistApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: fastapiChecklistApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new FastapiChecklistClient(deps),
    }),
});

/** The card, only on entities that enable the checklist. */
const checklistCard = EntityCardBlueprint.make({
  name: 'checklist',
  params: {
    filter: {
      [`metadata.annotations.${CHECKLIST_ANNOTATION}`]: 'enabled',
    } as any,
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
    title: 'FastAPI readiness',
    routeRef: rootRouteRef as any,
    loader: () =>
      import('./components/FastapiChecklistPage').then(m =>
        compatWrapper(<m.FastapiChecklistPage />),
      ),
  },
});

/** The plugin for the new frontend system. */
export default createFrontendPlugin({
  pluginId: 'fastapi-checklist',
  extensions: [checklistApi, checklistCard, checklistPage],
  routes: { root: rootRouteRef as any },
});
