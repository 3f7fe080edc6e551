/**
 * How one check came out.
 *
 * @public
 */
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'not-applicable' | 'error';

/**
 * How much a failing check matters: required → fail, recommended → warn.
 *
 * @public
 */
export type CheckSeverity = 'required' | 'recommended';

/**
 * A place in the repository that supports a result.
 *
 * @public
 */
export type Evidence = {
  /** Path relative to the repository root, forward slashes. */
  path: string;
  /** 1-based line, when the evidence is a line. */
  line?: number;
  /** The line's text, trimmed and shortened. */
  snippet?: string;
  /** What this evidence shows, e.g. "POST /items has no auth dependency". */
  message?: string;
};

/**
 * The outcome of one check on a repository.
 *
 * @public
 */
export type CheckResult = {
  id: string;
  title: string;
  status: CheckStatus;
  severity: CheckSeverity;
  /** One sentence explaining the status. */
  summary: string;
  evidence: Evidence[];
  /** What to do when the status is not pass. */
  remediation: string;
  docsUrl: string;
};

/**
 * Something the analyzer could not read, reported instead of crashing.
 *
 * @public
 */
export type Diagnostic = { path: string; message: string };

/**
 * One evaluation of the whole checklist on a repository.
 *
 * @public
 */
export type ChecklistResult = {
  /** 0–100; pass counts 1, warn ½, fail and error 0; not-applicable is left out. */
  score: number;
  items: CheckResult[];
  /** Directories recognised as FastAPI services (relative; '' is the repository root). */
  serviceRoots: string[];
  diagnostics: Diagnostic[];
  /**
   * Files left out of the analysis, or analysed only in part, and why; the verdicts they
   * could affect say so. Absent in results stored before it existed.
   */
  skipped?: SkippedFile[];
};

/**
 * A file the analyzer did not analyse (too large, over a limit, binary, unparsable) or
 * analysed only in part (syntax errors).
 *
 * @public
 */
export type SkippedFile = { path: string; reason: string };
