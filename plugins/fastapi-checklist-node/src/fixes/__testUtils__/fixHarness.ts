import { execFileSync } from 'node:child_process';
import { analyzeFiles, serviceWith } from '../../__fixtures__/analyzeFixture';
import { treeFromEntries } from '../../tree/sourceTree';
import { fixRepository, FixReport } from '../fixRepository';

/**
 * The lines only one side has, by a longest-common-subsequence walk: what a reviewer's
 * diff shows. Small fixture files only (quadratic).
 */
export function lineDiff(before: string, after: string) {
  const a = before.split('\n');
  const b = after.split('\n');
  const common: number[][] = Array.from({ length: a.length + 1 }, () =>
    new Array<number>(b.length + 1).fill(0),
  );
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      common[i][j] =
        a[i] === b[j]
          ? common[i + 1][j + 1] + 1
          : Math.max(common[i + 1][j], common[i][j + 1]);
  const removed: string[] = [];
  const added: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      i++;
      j++;
    } else if (
      j < b.length &&
      (i === a.length || common[i][j + 1] >= common[i + 1][j])
    ) {
      added.push(b[j++]);
    } else {
      removed.push(a[i++]);
    }
  }
  return { removed, added };
}

/** Python's own compiler on a source text (compiled, never run); the error, if any. */
export function pythonCompileError(source: string): string | undefined {
  try {
    execFileSync(
      'python3',
      ['-c', 'import sys; compile(sys.stdin.read(), "<fixed>", "exec")'],
      { input: source, stdio: ['pipe', 'ignore', 'pipe'] },
    );
    return undefined;
  } catch (error) {
    const { code, stderr } = error as NodeJS.ErrnoException & {
      stderr?: Buffer;
    };
    // No python3 on this host: tree-sitter's parse (checked by fixRepository) stands alone.
    if (code === 'ENOENT') return undefined;
    return stderr?.toString() ?? String(error);
  }
}

export type FixRun = {
  before: Record<string, string>;
  after: Record<string, string>;
  report: FixReport;
  statusBefore: (id: string) => string | undefined;
  statusAfter: (id: string) => string | undefined;
};

/** Runs fixes on a repository given as path → content, and the checklist before and after. */
export async function runFixes(
  files: Record<string, string>,
  checkIds: string[],
): Promise<FixRun> {
  const report = await fixRepository(
    treeFromEntries(Object.entries(files)),
    checkIds,
  );
  const after = { ...files };
  for (const edit of report.files) {
    if ('deleted' in edit) delete after[edit.path];
    else after[edit.path] = edit.content;
  }
  const [resultBefore, resultAfter] = [
    await analyzeFiles(files),
    await analyzeFiles(after),
  ];
  return {
    before: files,
    after,
    report,
    statusBefore: id => resultBefore.items.find(i => i.id === id)?.status,
    statusAfter: id => resultAfter.items.find(i => i.id === id)?.status,
  };
}

/** The ids of checks whose verdict is worse after the fix than before it. */
export function worsenedChecks(run: FixRun, ids: string[]): string[] {
  const rank: Record<string, number> = {
    pass: 3,
    waived: 3,
    'not-applicable': 3,
    warn: 2,
    fail: 1,
    error: 0,
  };
  return ids.filter(
    id =>
      rank[run.statusAfter(id) ?? 'pass'] <
      rank[run.statusBefore(id) ?? 'pass'],
  );
}

export { serviceWith };
