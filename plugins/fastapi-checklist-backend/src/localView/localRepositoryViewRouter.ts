import type {
  HttpAuthService,
  HttpRouterService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { LOCAL_REPOSITORY_VIEW } from '@fastapi-golden-path/plugin-fastapi-golden-path-node';
import express from 'express';
import Router from 'express-promise-router';
import {
  openLocalRepository,
  pathSegments,
  readAtHead,
} from './repositoryAtHead';
import type { ChecklistAccess } from '../permissions';
import {
  createLocalRepositoryAuthorizer,
  LocalRepositoryAuthorizer,
} from './localRepositoryAccess';
import { renderBlob, renderTree } from './renderPage';

/** Where the view is mounted inside the plugin's routes: `/local/<repository>/<path>`. */
const LOCAL_VIEW_PATH = LOCAL_REPOSITORY_VIEW.path;

/** Files above this many bytes are described, not shown. */
export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

/**
 * A read-only HTML view of the local repositories' files as committed at HEAD, so the
 * portal's links (View source, evidence file:line, the task's Repository) open in a
 * browser. Only repositories directly under `root`, and only to a caller who may read
 * the checklist of the repository's catalog entity (`authorize`).
 */
export function createLocalRepositoryViewRouter(options: {
  root: string;
  httpAuth: HttpAuthService;
  authorize: LocalRepositoryAuthorizer;
  maxFileBytes?: number;
}): express.Router {
  const { root, httpAuth, authorize } = options;
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const router = Router();
  router.get(/^\/([^/]+)(?:\/(.*))?$/, async (req, res) => {
    // a link opened in the browser carries the user's cookie, not a bearer token
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
      allowLimitedAccess: true,
    });
    const repository: string = req.params[0];
    const filepath: string | undefined = req.params[1];
    // before the disk is looked at: a denied caller learns nothing of the root
    await authorize(repository, credentials);
    const dir = await openLocalRepository(root, repository);
    if (filepath === undefined) {
      res.redirect(301, `${req.baseUrl}${req.path}/`);
      return;
    }
    const segments = pathSegments(filepath);
    const entry = await readAtHead(dir, filepath, maxBytes);
    const isDirectoryUrl = filepath === '' || filepath.endsWith('/');
    if (entry.type === 'tree' && !isDirectoryUrl) {
      res.redirect(301, `${req.baseUrl}${req.path}/`);
      return;
    }
    res.set({
      'content-type': 'text/html; charset=utf-8',
      // the page is data only: no scripts, nothing loaded from anywhere
      'content-security-policy':
        "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    res.send(
      entry.type === 'tree'
        ? renderTree(repository, segments, entry)
        : renderBlob(repository, segments, entry, maxBytes),
    );
  });
  return router;
}

/**
 * Mounts the view under the plugin's router, with the one auth policy it needs: the
 * user's auth cookie (issued by the plugin's `/.backstage/auth/v1/cookie`) is accepted,
 * as for TechDocs pages, because a link opened in the browser sends no token.
 */
export function mountLocalRepositoryView(options: {
  httpRouter: HttpRouterService;
  httpAuth: HttpAuthService;
  catalog: CatalogService;
  access: ChecklistAccess;
  root: string | undefined;
}) {
  const { httpRouter, httpAuth, catalog, access, root } = options;
  if (!root) return;
  httpRouter.addAuthPolicy({ path: LOCAL_VIEW_PATH, allow: 'user-cookie' });
  httpRouter.use(
    Router().use(
      LOCAL_VIEW_PATH,
      createLocalRepositoryViewRouter({
        root,
        httpAuth,
        authorize: createLocalRepositoryAuthorizer({ root, catalog, access }),
      }),
    ),
  );
}
