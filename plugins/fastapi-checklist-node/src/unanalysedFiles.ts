import type {
  CheckId,
  Diagnostic,
  Evidence,
  SkippedFile,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import type { CheckOutcome } from './checks/context';
import { CI_FILE } from './checks/ciTests';
import { isDockerfilePath } from './docker/dockerfileFacts';
import { isInDirectory } from './tree/relativePaths';

/**
 * What the checks that do not read the service's Python read instead; every other check
 * reads its Python. (dependency-lock tells an unread lock file apart itself.)
 */
const READS_INSTEAD: Partial<Record<CheckId, (path: string) => boolean>> = {
  dockerfile: isDockerfilePath,
  workers: isDockerfilePath,
  'dependency-lock': path =>
    /(^|\/)requirements([^/]*\.txt|\/[^/]+\.txt)$/.test(path),
  'dependency-updates': path =>
    /^(\.github\/dependabot\.ya?ml|(\.github\/|\.gitlab\/)?renovate\.json5?|\.renovaterc(\.json5?)?|package\.json)$/.test(
      path,
    ),
  ci: path => CI_FILE.test(path),
};

/** How many unanalysed files a summary names before "and N more". */
const NAMED_IN_SUMMARY = 3;

/**
 * The files a diagnostic says were not analysed, or only in part: skipped (too large,
 * beyond the file count, binary, the parser failed) or with syntax errors (what the parser
 * could not read may hold routes, secrets, middleware…).
 */
export function unanalysedFiles(diagnostics: Diagnostic[]): SkippedFile[] {
  return diagnostics
    .filter(
      d =>
        d.message.startsWith('skipped:') ||
        d.message.startsWith('syntax error'),
    )
    .map(d => ({
      path: d.path,
      reason: d.message.replace(/^skipped: /, ''),
    }));
}

/** The unanalysed files a check's verdict could depend on, within the given service roots. */
export function unanalysedFor(
  checkId: CheckId,
  files: SkippedFile[],
  roots: string[],
): SkippedFile[] {
  const reads = READS_INSTEAD[checkId];
  return files.filter(
    file =>
      roots.some(root => isInDirectory(file.path, root)) &&
      (reads ? reads(file.path) : file.path.endsWith('.py')),
  );
}

/**
 * A verdict that cannot vouch for files it did not see: pass and not-applicable become
 * warn, and every verdict names the files ("3 files not analysed: …").
 */
export function lowerForUnanalysed(
  outcome:
    | CheckOutcome
    | { status: 'error'; summary: string; evidence: Evidence[] },
  files: SkippedFile[],
): typeof outcome {
  if (files.length === 0) return outcome;
  const named = files
    .slice(0, NAMED_IN_SUMMARY)
    .map(f => `${f.path} (${f.reason})`)
    .join(', ');
  const more =
    files.length > NAMED_IN_SUMMARY
      ? ` and ${files.length - NAMED_IN_SUMMARY} more`
      : '';
  const note = `${files.length} file${
    files.length === 1 ? '' : 's'
  } not analysed: ${named}${more}.`;
  const lowered =
    outcome.status === 'pass' || outcome.status === 'not-applicable';
  return {
    status: lowered ? 'warn' : outcome.status,
    summary: `${outcome.summary} ${note}`,
    evidence: [
      ...outcome.evidence,
      ...files.map(f => ({
        path: f.path,
        message: `not analysed: ${f.reason}`,
      })),
    ],
  } as typeof outcome;
}
