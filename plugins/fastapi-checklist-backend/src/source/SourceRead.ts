import type { SourceTree } from '@fastapi-golden-path/plugin-fastapi-checklist-node';

/** A repository read: unchanged since the given etag, or its files and new etag. */
export type SourceRead =
  | { changed: false }
  | { changed: true; tree: SourceTree; etag?: string };
