/**
 * The FastAPI production-readiness analyzer: Python parsed with tree-sitter, Dockerfiles
 * with dockerfile-ast, results in the shapes of fastapi-checklist-common.
 *
 * @packageDocumentation
 */
export { analyzeRepository } from './analyze';
export {
  treeFromDirectory,
  treeFromEntries,
  treeFromWalkedFiles,
  isBinary,
  DEFAULT_LIMITS,
} from './tree/sourceTree';
export type { SourceTree, TreeLimits } from './tree/sourceTree';
export { walkFiles } from './tree/walkFiles';
export type { WalkedFile } from './tree/walkFiles';
export { inferTemplateAnswers } from './answers/inferAnswers';
export { readChecklistOptions } from './config';
export { readChecklistLevels } from './levelsConfig';
export { getPythonParser, parsePython } from './python/parser';
export {
  AnalysisLimitError,
  DEFAULT_ANALYSIS_LIMITS,
  LIMIT_KEYS,
  readAnalysisLimits,
} from './limits';
export type { AnalysisLimits } from './limits';
export {
  AnalysisPool,
  DEFAULT_ANALYSIS_POOL_OPTIONS,
} from './pool/AnalysisPool';
export type {
  AnalysisPoolOptions,
  ChecklistAnalyzer,
} from './pool/AnalysisPool';
export { readAnalysisPoolOptions } from './pool/readAnalysisPoolOptions';
export { fixRepository, FIXABLE_CHECKS } from './fixes';
export type { AppliedFix, FileEdit, FixRefusal, FixReport } from './fixes';
