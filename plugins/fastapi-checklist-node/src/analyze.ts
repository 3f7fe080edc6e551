import {
  CHECKS,
  CheckResult,
  ChecklistOptions,
  ChecklistResult,
  CheckStatus,
  computeScore,
  Diagnostic,
  Evidence,
  validateChecklistOptions,
  worstStatus,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { toError } from '@backstage/errors';
import { CHECK_IMPLEMENTATIONS } from './checks';
import type { CheckOutcome } from './checks/context';
import { getPythonParser } from './python/parser';
import { discoverServices, parseAll } from './serviceRoots';
import type { SourceTree } from './tree/sourceTree';

const MAX_EVIDENCE = 50;

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
 * Evaluates the production-readiness checklist on a repository tree. Never throws for
 * bad input: unreadable files become diagnostics, a failing check becomes an `error`.
 *
 * @public
 */
export async function analyzeRepository(
  tree: SourceTree,
  options: ChecklistOptions = {},
): Promise<ChecklistResult> {
  validateChecklistOptions(options);
  const diagnostics: Diagnostic[] = [...tree.skipped];
  const parser = await getPythonParser();
  const parsed = parseAll(parser, tree, diagnostics);
  const services = discoverServices(tree, parsed);

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
  return {
    score: computeScore(items),
    items,
    serviceRoots: services.map(s => s.root),
    diagnostics,
  };
}
