import type { Config } from '@backstage/config';
import os from 'node:os';
import {
  readAnalysisLimits,
  readDuration,
  readPositiveInteger,
} from '../limits';
import {
  AnalysisPoolOptions,
  DEFAULT_ANALYSIS_POOL_OPTIONS,
} from './AnalysisPool';

/** One core stays with the event loop; at least one worker, at most four by default. */
function defaultWorkers(): number {
  return Math.max(1, Math.min(4, os.availableParallelism() - 1));
}

/**
 * Reads `fastapiChecklist.analysis` (pool size, worker heap, time limit and the analysis
 * limits) over the defaults, failing clearly on bad values.
 *
 * @public
 */
export function readAnalysisPoolOptions(config: Config): AnalysisPoolOptions {
  const analysis = config.getOptionalConfig('fastapiChecklist.analysis');
  const defaults = DEFAULT_ANALYSIS_POOL_OPTIONS;
  return {
    workers:
      (analysis && readPositiveInteger(analysis, 'workers')) ??
      defaultWorkers(),
    workerMaxHeapMb:
      (analysis && readPositiveInteger(analysis, 'workerMaxHeapMb')) ??
      defaults.workerMaxHeapMb,
    timeoutMs:
      (analysis && readDuration(analysis, 'timeout')) ?? defaults.timeoutMs,
    limits: readAnalysisLimits(config),
  };
}
