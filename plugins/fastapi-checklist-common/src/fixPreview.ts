import type { CheckStatus } from './types';

/**
 * POST /entity/:namespace/:kind/:name/fix-preview — what the automatic fixes of the
 * asked checks would change in the entity's repository. Nothing is written.
 *
 * @public
 */
export type FixPreview = {
  /** Each changed file as a unified diff (a removed file's diff removes every line). */
  files: { path: string; deleted: boolean; diff: string }[];
  /** The checks the change fixes, each proven by re-running the checklist. */
  fixed: { id: string; from: CheckStatus; to: CheckStatus }[];
  /** The asked checks left as they are, with the reason. */
  refusals: { checkId: string; reason: string }[];
};

/**
 * The body of a fix preview request.
 *
 * @public
 */
export type FixPreviewRequest = { checks: string[] };
