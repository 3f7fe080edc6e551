import type {
  ChecklistOptions,
  ChecklistResult,
  Diagnostic,
  InferredAnswers,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import type { FixReport } from '../fixes';
import type { AnalysisLimits } from '../limits';

/** What the pool posts to a worker: one repository (its files are copied, not shared). */
export type AnalysisRequest = {
  files: [string, Uint8Array][];
  skipped: Diagnostic[];
  options: ChecklistOptions;
  limits: AnalysisLimits;
  /** When given, the automatic fixes of these checks run (fixRepository) instead of one analysis. */
  fixChecks?: string[];
  /** When true, the template's answers are inferred (inferTemplateAnswers) instead. */
  inferAnswers?: boolean;
};

/** A worker's answer; `retire` asks for a fresh worker (its parser failed at least once). */
export type AnalysisResponse = { retire: boolean } & (
  | { result: ChecklistResult }
  | { fixed: FixReport }
  | { inferred: InferredAnswers }
  | { error: { name: string; message: string } }
);
