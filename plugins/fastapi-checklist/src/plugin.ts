import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { fastapiChecklistApiRef, FastapiChecklistClient } from './api';
import {
  rootRouteRef,
  scaffolderTaskRouteRef,
  upgradeTemplateRouteRef,
  fixTemplateRouteRef,
} from './routes';

/**
 * The classic (legacy frontend system) plugin.
 *
 * @public
 */
export const fastapiChecklistPlugin = createPlugin({
  id: 'fastapi-checklist',
  apis: [
    createApiFactory({
      api: fastapiChecklistApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new FastapiChecklistClient(deps),
    }),
  ],
  routes: { root: rootRouteRef },
  externalRoutes: {
    upgradeTemplate: upgradeTemplateRouteRef,
    fixTemplate: fixTemplateRouteRef,
    scaffolderTask: scaffolderTaskRouteRef,
  },
});

/**
 * Entity page card: `<EntityFastapiChecklistCard />` inside an EntitySwitch.
 *
 * @public
 */
export const EntityFastapiChecklistCard = fastapiChecklistPlugin.provide(
  createComponentExtension({
    name: 'EntityFastapiChecklistCard',
    component: {
      lazy: () =>
        import('./components/EntityFastapiChecklistCard').then(
          m => m.EntityFastapiChecklistCard,
        ),
    },
  }),
);

/**
 * The org-wide page: `<Route path="/fastapi-checklist" element={<FastapiChecklistPage />} />`.
 *
 * @public
 */
export const FastapiChecklistPage = fastapiChecklistPlugin.provide(
  createRoutableExtension({
    name: 'FastapiChecklistPage',
    component: () =>
      import('./components/FastapiChecklistPage').then(
        m => m.FastapiChecklistPage,
      ),
    mountPoint: rootRouteRef,
  }),
);
