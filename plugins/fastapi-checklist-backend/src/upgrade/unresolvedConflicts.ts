import type { UpgradeRecord } from '@fastapi-golden-path/plugin-fastapi-checklist-common';

/** At most this many conflicted files are read again to see whether they are resolved. */
export const MAX_CONFLICT_FILES_READ = 20;
/** A conflicted file larger than this is not read again: it counts as unresolved. */
export const MAX_CONFLICT_FILE_BYTES = 1024 * 1024;

/** git's opening conflict marker at the start of a line. */
const MARKER = /^<<<<<<< /m;

/** True when the text still holds a conflict marker. */
export function hasConflictMarker(content: Uint8Array | string): boolean {
  const text =
    typeof content === 'string'
      ? content
      : Buffer.from(content).toString('utf8');
  return MARKER.test(text);
}

/**
 * The files of an upgrade record whose conflicts are still there. While the change is
 * still the upgrade's own commit, every listed conflict is. Once the owners committed on
 * top of it, a file marked with conflict markers is resolved when the markers are gone
 * (read with `readFile`: undefined when the file is gone, null when it is too large to
 * read, which counts as unresolved); whole-file
 * conflicts (added on both sides, deleted on one) are the owners' decision, made by that
 * commit.
 */
export async function unresolvedConflicts(options: {
  record: UpgradeRecord;
  laterCommits: boolean;
  readFile: (path: string) => Promise<Uint8Array | string | null | undefined>;
}): Promise<string[]> {
  const { record, laterCommits, readFile } = options;
  if (!laterCommits) return record.conflicts.map(conflict => conflict.path);
  const marked = record.conflicts.filter(
    conflict => conflict.kind === 'content',
  );
  const unresolved: string[] = [];
  for (const [index, conflict] of marked.entries()) {
    if (index >= MAX_CONFLICT_FILES_READ) {
      unresolved.push(conflict.path);
      continue;
    }
    const content = await readFile(conflict.path);
    if (
      content === null ||
      (content !== undefined && hasConflictMarker(content))
    ) {
      unresolved.push(conflict.path);
    }
  }
  return unresolved;
}
