import { diff3Merge } from 'node-diff3';
import type { UpgradeConflict } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { isBinary } from '@fastapi-golden-path/plugin-fastapi-checklist-node';

/** A repository's files: path (forward slashes, relative) → content. */
export type FileSet = ReadonlyMap<string, Buffer>;

/** A conflict: its file, kind and (for `content`) the lines of its markers. */
export type MergeConflict = UpgradeConflict;
export type ConflictLines = UpgradeConflict['lines'][number];

export type MergedFiles = {
  /** What to write into the service: new or changed contents. */
  write: Map<string, Buffer>;
  /** Files to delete from the service. */
  remove: string[];
  added: string[];
  changed: string[];
  removed: string[];
  conflicts: MergeConflict[];
};

export type MergeLabels = {
  /** The service as it is (git's "ours"). */
  current: string;
  /** The new template version (git's "theirs"). */
  next: string;
};

/** Lines with their endings, so joining them gives the text back exactly. */
function lines(text: string): string[] {
  return text.split(/(?<=\n)/);
}

function withFinalNewline(chunk: string[]): string {
  const text = chunk.join('');
  return text === '' || text.endsWith('\n') ? text : `${text}\n`;
}

/**
 * Three-way merge of one text file (diff3, as `git merge-file` does): changes on one side
 * are taken, the same change on both sides once, and overlapping different changes are
 * marked with git's conflict markers.
 */
export function mergeText(
  base: string,
  current: string,
  next: string,
  labels: MergeLabels,
): { text: string; conflict: boolean; lines: ConflictLines[] } {
  const regions = diff3Merge(lines(current), lines(base), lines(next), {
    excludeFalseConflicts: true,
  });
  const out: string[] = [];
  const conflicts: ConflictLines[] = [];
  // Lines written so far; a chunk without a final newline only happens at the very end.
  let written = 0;
  const push = (chunk: string) => {
    out.push(chunk);
    written += chunk.split('\n').length - 1;
  };
  for (const region of regions) {
    if (region.ok) {
      push(region.ok.join(''));
    } else if (region.conflict) {
      const start = written + 1;
      push(`<<<<<<< ${labels.current}\n`);
      push(withFinalNewline(region.conflict.a));
      push('=======\n');
      push(withFinalNewline(region.conflict.b));
      push(`>>>>>>> ${labels.next}\n`);
      conflicts.push({ start, end: written });
    }
  }
  return { text: out.join(''), conflict: conflicts.length > 0, lines: conflicts };
}

const same = (a: Buffer | undefined, b: Buffer | undefined) =>
  a !== undefined && b !== undefined && a.equals(b);

/**
 * What upgrading a service takes, as `copier update` does it: `base` is the old template
 * version rendered with the service's answers, `next` the new version rendered with the
 * same answers, `current` the service as it is. Changes the template made between the
 * versions are applied to the service; the service's own changes are kept; files only
 * the service has are never touched.
 */
export function mergeServiceFiles(options: {
  base: FileSet;
  current: FileSet;
  next: FileSet;
  labels: MergeLabels;
  /** Files the template owns outright (its record of the answers): always the new version's. */
  generated?: ReadonlySet<string>;
}): MergedFiles {
  const { base, current, next, labels, generated } = options;
  const merged: MergedFiles = {
    write: new Map(),
    remove: [],
    added: [],
    changed: [],
    removed: [],
    conflicts: [],
  };
  const paths = [...new Set([...base.keys(), ...next.keys()])].sort();
  for (const path of paths) {
    const [was, is, will] = [base.get(path), current.get(path), next.get(path)];
    if (same(was, will) || (was === undefined && will === undefined)) continue;
    if (will === undefined) {
      // The new version removes the file.
      if (is === undefined) continue;
      if (same(was, is)) {
        merged.remove.push(path);
        merged.removed.push(path);
      } else {
        merged.conflicts.push({ path, kind: 'modified-deleted', lines: [] });
      }
      continue;
    }
    if (is === undefined) {
      // Missing in the service: new in this version, or deleted by its owners, which
      // stays so; the owners decide whether this version's change brings it back.
      if (was === undefined) {
        merged.write.set(path, will);
        merged.added.push(path);
      } else {
        merged.conflicts.push({ path, kind: 'deleted-modified', lines: [] });
      }
      continue;
    }
    if (same(is, will)) continue;
    if (generated?.has(path)) {
      merged.write.set(path, will);
      (was === undefined ? merged.added : merged.changed).push(path);
      continue;
    }
    if (was === undefined) {
      merged.conflicts.push({ path, kind: 'added-both', lines: [] });
      continue;
    }
    if (same(was, is)) {
      merged.write.set(path, will);
      merged.changed.push(path);
      continue;
    }
    if ([was, is, will].some(isBinary)) {
      merged.conflicts.push({ path, kind: 'binary', lines: [] });
      continue;
    }
    const { text, conflict, lines: where } = mergeText(
      was.toString('utf8'),
      is.toString('utf8'),
      will.toString('utf8'),
      labels,
    );
    merged.write.set(path, Buffer.from(text, 'utf8'));
    merged.changed.push(path);
    if (conflict) merged.conflicts.push({ path, kind: 'content', lines: where });
  }
  return merged;
}
