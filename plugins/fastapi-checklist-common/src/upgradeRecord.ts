/**
 * The record an upgrade change carries about itself, so that whoever reads the change
 * (the card, the org page) knows its versions and whether it has conflicts without
 * opening its files. It lives in the change, not in the repository: git trailers at the
 * end of the local branch's commit message, and the same lines in the pull request's
 * description (inside an HTML comment there, so GitHub does not display them).
 *
 * ```
 * Golden-Path-Upgrade: 0.1.0 -> 0.2.0
 * Golden-Path-Conflicts: 2
 * Golden-Path-Conflict: {"path":"Dockerfile","kind":"content","lines":[{"start":3,"end":7}]}
 * Golden-Path-Conflict: {"path":"docs/x.md","kind":"added-both","lines":[]}
 * ```
 *
 * `Golden-Path-Conflicts` is always present (0 when the change merged cleanly) and must
 * equal the number of `Golden-Path-Conflict` lines, each one JSON object.
 */

/**
 * How a file conflicts: `content` (both sides changed the same lines, marked in the file
 * as git does), `binary` (both changed a file that cannot be merged by lines), `added-both`
 * (the new version adds a file the service already has with other content),
 * `modified-deleted` (the new version removes a file the service changed),
 * `deleted-modified` (the new version changes a file the service deleted).
 *
 * @public
 */
export type UpgradeConflictKind =
  | 'content'
  | 'binary'
  | 'added-both'
  | 'modified-deleted'
  | 'deleted-modified';

/**
 * One conflict of an upgrade: the file, its kind and, for `content`, the 1-based lines of
 * each conflict's `<<<<<<<` and `>>>>>>>` markers in the merged file.
 *
 * @public
 */
export type UpgradeConflict = {
  path: string;
  kind: UpgradeConflictKind;
  lines: { start: number; end: number }[];
};

/** @public */
export type UpgradeRecord = {
  fromVersion: string;
  toVersion: string;
  conflicts: UpgradeConflict[];
};

const UPGRADE = 'Golden-Path-Upgrade';
const COUNT = 'Golden-Path-Conflicts';
const CONFLICT = 'Golden-Path-Conflict';
const KINDS: ReadonlySet<string> = new Set<UpgradeConflictKind>([
  'content',
  'binary',
  'added-both',
  'modified-deleted',
  'deleted-modified',
]);

/**
 * The record as trailer lines, to append after a blank line to a commit message or a
 * pull request's description.
 *
 * @public
 */
export function formatUpgradeRecord(record: UpgradeRecord): string {
  return [
    `${UPGRADE}: ${record.fromVersion} -> ${record.toVersion}`,
    `${COUNT}: ${record.conflicts.length}`,
    ...record.conflicts.map(
      ({ path, kind, lines }) =>
        `${CONFLICT}: ${JSON.stringify({ path, kind, lines })}`,
    ),
  ].join('\n');
}

function isConflict(value: unknown): value is UpgradeConflict {
  const v = value as UpgradeConflict;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.path === 'string' &&
    KINDS.has(v.kind) &&
    Array.isArray(v.lines) &&
    v.lines.every(
      line =>
        Number.isInteger(line?.start) &&
        Number.isInteger(line?.end) &&
        line.start <= line.end,
    )
  );
}

/**
 * Reads the record from a commit message or a pull request's description; undefined
 * when the text holds none or a malformed one (the count must match the conflicts).
 *
 * @public
 */
export function parseUpgradeRecord(text: string): UpgradeRecord | undefined {
  let versions: RegExpMatchArray | null = null;
  let count: number | undefined;
  const conflicts: UpgradeConflict[] = [];
  for (const line of text.split(/\r?\n/)) {
    const [key, ...rest] = line.trim().split(': ');
    const value = rest.join(': ');
    if (key === UPGRADE) {
      versions = value.match(/^(\S+) -> (\S+)$/);
      if (!versions) return undefined;
    } else if (key === COUNT) {
      if (!/^\d+$/.test(value)) return undefined;
      count = Number(value);
    } else if (key === CONFLICT) {
      let conflict: unknown;
      try {
        conflict = JSON.parse(value);
      } catch {
        return undefined;
      }
      if (!isConflict(conflict)) return undefined;
      conflicts.push({
        path: conflict.path,
        kind: conflict.kind,
        lines: conflict.lines.map(({ start, end }) => ({ start, end })),
      });
    }
  }
  if (!versions || count !== conflicts.length) return undefined;
  return { fromVersion: versions[1], toVersion: versions[2], conflicts };
}
