import {
  CHECK_IDS,
  ChecklistOptions,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { createHash } from 'node:crypto';

/**
 * Which analysis a stored result came from: the checks this backend knows and their
 * options (fastapiChecklist.checks). It prefixes the stored etag, so a result made by
 * another analysis (checks added by an upgrade of this plugin, a check turned on or off
 * in app-config) is not taken as current when the repository is unchanged: the
 * repository is read and analysed again instead of showing the new checks as not
 * evaluated until its next commit.
 */
export function analysisKey(checklist: ChecklistOptions): string {
  const checks = Object.entries(checklist.checks ?? {}).sort(([a], [b]) =>
    a.localeCompare(b),
  );
  return createHash('sha256')
    .update(JSON.stringify({ ids: CHECK_IDS, checks }))
    .digest('hex')
    .slice(0, 16);
}

/** The etag to store: the analysis key, then the source's own etag. */
export function storedEtag(key: string, sourceEtag: string | undefined) {
  return sourceEtag === undefined ? undefined : `${key}:${sourceEtag}`;
}

/**
 * The source etag to pass to the next read: the stored one when the same analysis made
 * it, none otherwise (an etag stored before keys existed has none and matches nothing).
 */
export function sourceEtagOf(key: string, stored: string | undefined) {
  const prefix = `${key}:`;
  return stored?.startsWith(prefix) ? stored.slice(prefix.length) : undefined;
}
