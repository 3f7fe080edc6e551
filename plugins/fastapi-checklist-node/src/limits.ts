import type { Config } from '@backstage/config';
import { readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';

/**
 * What one analysis may read and spend; config keys under `fastapiChecklist.analysis`.
 *
 * @public
 */
export type AnalysisLimits = {
  /** Larger files are skipped: listed in the result and lowering the verdicts they could affect. */
  maxFileBytes: number;
  /** Files beyond this count are skipped the same way. */
  maxFiles: number;
  /** A repository holding more bytes in all is not analysed: an error naming the limit. */
  maxTotalBytes: number;
  /** Parsing a repository's Python files for longer is abandoned: an error naming the limit. */
  parseTimeoutMs: number;
};

/** @public */
export const DEFAULT_ANALYSIS_LIMITS: AnalysisLimits = {
  maxFileBytes: 512 * 1024,
  maxFiles: 20_000,
  maxTotalBytes: 32 * 1024 * 1024,
  parseTimeoutMs: 60_000,
};

/**
 * The config key of each limit, named in the errors so an operator knows what to raise.
 *
 * @public
 */
export const LIMIT_KEYS = {
  maxFileBytes: 'fastapiChecklist.analysis.maxFileBytes',
  maxFiles: 'fastapiChecklist.analysis.maxFiles',
  maxTotalBytes: 'fastapiChecklist.analysis.maxTotalBytes',
  parseTimeoutMs: 'fastapiChecklist.analysis.parseTimeout',
  timeoutMs: 'fastapiChecklist.analysis.timeout',
  workerMaxHeapMb: 'fastapiChecklist.analysis.workerMaxHeapMb',
} as const;

/**
 * A repository over one of the analysis limits: the whole analysis becomes an error.
 *
 * @public
 */
export class AnalysisLimitError extends Error {
  name = 'AnalysisLimitError';
}

/** A positive integer setting of `fastapiChecklist.analysis`, or undefined. */
export function readPositiveInteger(
  config: Config,
  key: string,
): number | undefined {
  const value = config.getOptionalNumber(key);
  if (value !== undefined && (!Number.isInteger(value) || value <= 0)) {
    throw new Error(
      `fastapiChecklist.analysis.${key} must be a positive integer, got ${value}`,
    );
  }
  return value;
}

/** A duration setting of `fastapiChecklist.analysis` in ms, or undefined. */
export function readDuration(config: Config, key: string): number | undefined {
  return config.has(key)
    ? durationToMilliseconds(readDurationFromConfig(config, { key }))
    : undefined;
}

/**
 * Reads `fastapiChecklist.analysis`'s limits over the defaults, failing clearly on bad values.
 *
 * @public
 */
export function readAnalysisLimits(config: Config): AnalysisLimits {
  const analysis = config.getOptionalConfig('fastapiChecklist.analysis');
  if (!analysis) return DEFAULT_ANALYSIS_LIMITS;
  return {
    maxFileBytes:
      readPositiveInteger(analysis, 'maxFileBytes') ??
      DEFAULT_ANALYSIS_LIMITS.maxFileBytes,
    maxFiles:
      readPositiveInteger(analysis, 'maxFiles') ??
      DEFAULT_ANALYSIS_LIMITS.maxFiles,
    maxTotalBytes:
      readPositiveInteger(analysis, 'maxTotalBytes') ??
      DEFAULT_ANALYSIS_LIMITS.maxTotalBytes,
    parseTimeoutMs:
      readDuration(analysis, 'parseTimeout') ??
      DEFAULT_ANALYSIS_LIMITS.parseTimeoutMs,
  };
}
