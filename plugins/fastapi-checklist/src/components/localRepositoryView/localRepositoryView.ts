import {
  ANNOTATION_SOURCE_LOCATION,
  ANNOTATION_VIEW_URL,
  Entity,
} from '@backstage/catalog-model';
import type { Evidence } from '@fastapi-golden-path/plugin-fastapi-checklist-common';

/** The backend plugin that serves the read-only view (and so issues its cookie). */
export const LOCAL_VIEW_PLUGIN_ID = 'fastapi-checklist';

/**
 * The browser link of a repository that has no url source location (the golden path's
 * local target records `file:<dir>/`, which browsers cannot open), from its
 * `backstage.io/view-url`: the checklist backend's read-only view. Undefined otherwise.
 */
export function localRepositoryViewUrl(entity: Entity): string | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const source = annotations[ANNOTATION_SOURCE_LOCATION];
  const view = annotations[ANNOTATION_VIEW_URL];
  if (!view || source?.startsWith('url:')) return undefined;
  try {
    const url = new URL(view);
    return url.protocol === 'http:' || url.protocol === 'https:'
      ? url.href
      : undefined;
  } catch {
    return undefined;
  }
}

/** The view's link to an evidence file, at its line (`#L<n>`, the view's anchors). */
export function evidenceViewUrl(viewUrl: string, evidence: Evidence): string {
  const base = viewUrl.endsWith('/') ? viewUrl : `${viewUrl}/`;
  const encoded = evidence.path
    .split('/')
    .filter(Boolean)
    .map(encodeURIComponent)
    .join('/');
  const url = new URL(encoded, base);
  if (evidence.line) url.hash = `L${evidence.line}`;
  return url.href;
}
