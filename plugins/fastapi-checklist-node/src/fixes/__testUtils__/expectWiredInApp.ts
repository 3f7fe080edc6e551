import { CHECKS } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import {
  lineDiff,
  pythonCompileError,
  runFixes,
  worsenedChecks,
} from './fixHarness';
import { ruffFormat, ruffImportFindings } from './ruff';

const ALL = CHECKS.map(check => check.id);
const APP_MODULE = 'app/main.py';

/**
 * A fix that wires the service's own code proven: `checkId` goes from fail to pass, no
 * other verdict gets worse, and only app/main.py changes, by exactly these lines, still
 * compiling and as ruff formats and sorts it (no generic module beside the service's
 * own).
 */
export async function expectWiredInApp(
  files: Record<string, string>,
  checkId: string,
  lines: { removed: string[]; added: string[] },
) {
  const run = await runFixes(files, [checkId]);
  expect(run.report.refusals).toEqual([]);
  expect(run.statusBefore(checkId)).toBe('fail');
  expect(run.statusAfter(checkId)).toBe('pass');
  expect(worsenedChecks(run, ALL)).toEqual([]);
  expect(run.report.files.map(f => f.path)).toEqual([APP_MODULE]);
  const after = run.after[APP_MODULE];
  expect(lineDiff(run.before[APP_MODULE], after)).toEqual(lines);
  expect(pythonCompileError(after)).toBeUndefined();
  expect(ruffFormat(APP_MODULE, after)).toBe(after);
  expect(ruffImportFindings(APP_MODULE, after)).toBe('');
  return run;
}
