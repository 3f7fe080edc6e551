/*
 * The local developer portal's backend: the plugins of `@backstage/create-app`
 * that the FastAPI golden path needs, plus this repository's own plugins.
 */

import { createBackend } from '@backstage/backend-defaults';
import { rootHttpRouterWithoutStackTraces } from './http/rootHttpRouter';

const backend = createBackend();

// error bodies without stack traces, also in development mode (`npm start`)
backend.add(rootHttpRouterWithoutStackTraces);

// serves the frontend bundle (packages/app) in production builds
backend.add(import('@backstage/plugin-app-backend'));

// auth: guest sign-in (https://backstage.io/docs/auth/guest/provider)
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// catalog, including the Template kind and the local repositories' entities
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(
  import('@fastapi-golden-path/plugin-catalog-backend-module-fastapi-local'),
);

// scaffolder: the built-in and GitHub actions, and the golden path's fastapi:* actions
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(
  import('@fastapi-golden-path/plugin-scaffolder-backend-module-fastapi'),
);

// TechDocs: builds a service's docs/ with mkdocs on this machine (techdocs in app-config;
// scripts/techdocs-venv.sh installs mkdocs + mkdocs-techdocs-core for `npm start`)
backend.add(import('@backstage/plugin-techdocs-backend'));
// search, with the docs TechDocs built (the Docs tab's search box)
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));

// the live production-readiness checklists behind the entity card and org view
backend.add(import('@fastapi-golden-path/plugin-fastapi-checklist-backend'));

// permissions: everything allowed, but only an entity's owners may re-check its
// checklist (src/permissions); https://backstage.io/docs/permissions/writing-a-policy
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('./permissions/module'));

backend.start();
