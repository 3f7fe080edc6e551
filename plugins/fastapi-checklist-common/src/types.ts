import type { AppliedWaiver, WaiverFile, WaiverNote } from './waivers';

/**
 * How one check came out. `waived`: it fails or warns, but a valid, unexpired waiver in
 * the repository's `.golden-path/waivers.yaml` covers it (see `CheckResult.waiver`).
 *
 * @public
 */
export type CheckStatus =
  | 'pass'
  | 'warn'
  | 'fail'
  | 'not-applicable'
  | 'error'
  | 'waived';

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
  /** The waiver that covers the check, when its status is `waived`. */
  waiver?: AppliedWaiver;
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
  /**
   * 0–100; pass and waived count 1, warn ½, fail and error 0; not-applicable is left out.
   */
  score: number;
  /**
   * The score with every waived check counted at its real status (absent in results
   * stored before waivers existed, and equal to `score` when nothing is waived).
   */
  scoreWithoutWaivers?: number;
  items: CheckResult[];
  /** Directories recognised as FastAPI services (relative; '' is the repository root). */
  serviceRoots: string[];
  diagnostics: Diagnostic[];
  /**
   * Files left out of the analysis, or analysed only in part, and why; the verdicts they
   * could affect say so. Absent in results stored before it existed.
   */
  skipped?: SkippedFile[];
  /** The repository's waivers file, when it has one (`.golden-path/waivers.yaml`). */
  waivers?: WaiverFile;
  /**
   * What is wrong with the waivers as of the evaluation's day: the file's problems,
   * expired waivers, waivers of checks that do not need one. Recomputed on every read.
   */
  waiverNotes?: WaiverNote[];
};

/**
 * A file the analyzer did not analyse (too large, over a limit, binary, unparsable) or
 * analysed only in part (syntax errors).
 *
 * @public
 */
export type SkippedFile = { path: string; reason: string };
