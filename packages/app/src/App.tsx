import { createApp } from '@backstage/frontend-defaults';
import apiDocsPlugin from '@backstage/plugin-api-docs/alpha';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import orgPlugin from '@backstage/plugin-org/alpha';
import scaffolderPlugin from '@backstage/plugin-scaffolder/alpha';
import searchPlugin from '@backstage/plugin-search/alpha';
import techdocsPlugin from '@backstage/plugin-techdocs/alpha';
import userSettingsPlugin from '@backstage/plugin-user-settings/alpha';
import fastapiChecklistPlugin, {
  fastapiChecklistAppModule,
  fastapiChecklistCatalogModule,
} from '@fastapi-golden-path/plugin-fastapi-checklist/alpha';
import { fastapiFormModule } from './modules/fastapiForm';
import { navModule } from './modules/nav';
import { themeModule } from './modules/theme';

/*
 * The local developer portal (new frontend system). Sign-in is the app plugin's
 * default sign-in page, which offers the guest provider (auth.providers.guest).
 */
export default createApp({
  features: [
    catalogPlugin,
    scaffolderPlugin,
    // the FastAPI template's own fields: name clashes, publish targets, checklist preview
    fastapiFormModule,
    // the Docs tab of every service (generated services ship mkdocs.yml and docs/)
    techdocsPlugin,
    // search (TechDocs' reader searches a service's docs with it)
    searchPlugin,
    apiDocsPlugin,
    orgPlugin,
    userSettingsPlugin,
    fastapiChecklistPlugin,
    // View Source of a local-target service opens its read-only view
    fastapiChecklistCatalogModule,
    // keeps the auth cookie those read-only views accept from a browser link
    fastapiChecklistAppModule,
    navModule,
    // Backstage's light and dark themes, with the Create form's errors shown only inline
    themeModule,
  ],
});
