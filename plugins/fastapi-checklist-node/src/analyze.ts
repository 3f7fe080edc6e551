import {
  applyWaivers,
  CHECKS,
  CheckResult,
  ChecklistOptions,
  ChecklistResult,
  CheckStatus,
  computeScore,
  Diagnostic,
  Evidence,
  utcDay,
  validateChecklistOptions,
  worstStatus,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { toError } from '@backstage/errors';
import { CHECK_IMPLEMENTATIONS } from './checks';
import type { CheckOutcome } from './checks/context';
import { AnalysisLimits, DEFAULT_ANALYSIS_LIMITS } from './limits';
import { getPythonParser } from './python/parser';
import { parseFiles } from './python/parseFiles';
import { discoverServices } from './serviceRoots';
import { totalBytesExceeded, type SourceTree } from './tree/sourceTree';
import {
  lowerForUnanalysed,
  unanalysedFiles,
  unanalysedFor,
} from './unanalysedFiles';
import { readWaiversFile } from './waivers/readWaiversFile';

const MAX_EVIDENCE = 50;
/** The result lists this many unanalysed files; the summaries count them all. */
const MAX_SKIPPED = 100;

function checkTreeLimits(tree: SourceTree, limits: AnalysisLimits): void {
  let total = 0;
  for (const content of tree.files.values()) total += content.length;
  if (total > limits.maxTotalBytes)
    throw totalBytesExceeded(limits.maxTotalBytes);
}

function combine(
  outcomes: { root: string; outcome: CheckOutcome }[],
): CheckOutcome {
  if (outcomes.length === 1) return outcomes[0].outcome;
  let status: CheckStatus = 'not-applicable';
  const evidence: Evidence[] = [];
  const summaries: string[] = [];
  for (const { root, outcome } of outcomes) {
    status = worstStatus(status, outcome.status) as CheckOutcome['status'];
    evidence.push(...outcome.evidence);
    summaries.push(`${root || '(root)'}: ${outcome.summary}`);
  }
  return { status, summary: summaries.join(' '), evidence };
}

/**
 * Evaluates the production-readiness checklist on a repository tree. Unreadable files
 * become diagnostics (and lower the verdicts they could affect), a failing check becomes
 * an `error`; a repository over a limit (total bytes, parse time) throws
 * AnalysisLimitError naming the limit. Runs on the calling thread: servers use an
 * AnalysisPool instead.
 *
 * @public
 */
export async function analyzeRepository(
  tree: SourceTree,
  options: ChecklistOptions = {},
  limits: AnalysisLimits = DEFAULT_ANALYSIS_LIMITS,
): Promise<ChecklistResult> {
  validateChecklistOptions(options);
  checkTreeLimits(tree, limits);
  const diagnostics: Diagnostic[] = [...tree.skipped];
  const parser = await getPythonParser();
  const parsed = parseFiles(parser, tree, diagnostics, limits.parseTimeoutMs);
  const services = discoverServices(tree, parsed);
  const unanalysed = unanalysedFiles(diagnostics);
  const roots = services.length ? services.map(s => s.root) : [''];

  const items: CheckResult[] = [];
  for (const check of CHECKS) {
    const tuning = options.checks?.[check.id];
    if (tuning?.enabled === false) continue;
    const severity = tuning?.severity ?? check.defaultSeverity;
    let outcome:
      | CheckOutcome
      | { status: 'error'; summary: string; evidence: Evidence[] };
    if (services.length === 0) {
      const unreadable = diagnostics.filter(d => d.path.endsWith('.py'));
      outcome =
        parsed.length === 0 && unreadable.length > 0
          ? {
              status: 'error',
              summary: `No Python file could be analysed (${unreadable[0].path}: ${unreadable[0].message}).`,
              evidence: unreadable.slice(0, 5),
            }
          : {
              status: 'not-applicable',
              summary: parsed.length
                ? `No FastAPI application found in ${parsed.length} Python file(s).`
                : 'No Python files found.',
              evidence: [],
            };
    } else {
      try {
        outcome = combine(
          services.map(service => ({
            root: service.root,
            outcome: CHECK_IMPLEMENTATIONS[check.id](service),
          })),
        );
      } catch (error) {
        outcome = {
          status: 'error',
          summary: `The check could not run: ${toError(error).message}`,
          evidence: [],
        };
      }
    }
    outcome = lowerForUnanalysed(
      outcome,
      unanalysedFor(check.id, unanalysed, roots),
    );
    const status: CheckStatus =
      outcome.status === 'fail' && severity === 'recommended'
        ? 'warn'
        : outcome.status;
    items.push({
      id: check.id,
      title: check.title,
      status,
      severity,
      summary: outcome.summary,
      evidence: outcome.evidence.slice(0, MAX_EVIDENCE),
      remediation: check.remediation,
      docsUrl: check.docsUrl,
    });
  }
  const waivers = readWaiversFile(tree);
  const result: ChecklistResult = {
    score: computeScore(items),
    items,
    serviceRoots: services.map(s => s.root),
    diagnostics,
    skipped: unanalysed.slice(0, MAX_SKIPPED),
    ...(waivers && { waivers }),
  };
  // As of today; readers of a stored result apply them again on their day.
  return applyWaivers(result, utcDay(new Date()));
}
