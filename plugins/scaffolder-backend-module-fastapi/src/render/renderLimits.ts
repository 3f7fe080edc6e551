import { Config, readDurationFromConfig } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { durationToMilliseconds } from '@backstage/types';

/**
 * How much work one skeleton render may do before it is stopped.
 *
 * @public
 */
export type RenderLimits = {
  /** Wall-clock budget for rendering the whole skeleton, in milliseconds. */
  timeoutMs: number;
  /**
   * Bytes written across all skeleton files together: rendered text (UTF-8) and binary
   * files copied as they are.
   */
  maxOutputBytes: number;
  /**
   * Bytes of the skeleton's files read into memory, counted from their sizes before
   * any is read (a file reached through several symbolic links counts each time).
   */
  maxSkeletonBytes: number;
  /** Interpreter steps (nunjitsu work units) one skeleton file may take. */
  maxStepsPerFile: number;
};

export const RENDER_LIMITS_CONFIG_KEY = 'fastapiGoldenPath.render';

/**
 * The defaults: the real skeleton renders in well under a second, its largest file
 * (openapi.json) takes about 4,100 steps and a whole variant writes under 100 KB, so
 * these only ever stop a skeleton that is broken or hostile. 100,000 steps take about
 * 0.3 s on a busy 2-core machine: the longest one file can hold the event loop.
 *
 * @public
 */
export const DEFAULT_RENDER_LIMITS: RenderLimits = Object.freeze({
  timeoutMs: 10_000,
  maxOutputBytes: 50 * 1024 * 1024,
  maxStepsPerFile: 100_000,
  maxSkeletonBytes: 50 * 1024 * 1024,
});

function positiveInteger(config: Config, key: string): number | undefined {
  const value = config.getOptionalNumber(key);
  if (value !== undefined && (!Number.isSafeInteger(value) || value < 1)) {
    throw new InputError(
      `${RENDER_LIMITS_CONFIG_KEY}.${key} must be a positive whole number (got ${value})`,
    );
  }
  return value;
}

/**
 * Reads `fastapiGoldenPath.render`; every key is optional and falls back to the default.
 *
 * @public
 */
export function readRenderLimits(rootConfig: Config): RenderLimits {
  const config = rootConfig.getOptionalConfig(RENDER_LIMITS_CONFIG_KEY);
  if (!config) return DEFAULT_RENDER_LIMITS;
  const timeoutMs = config.has('timeout')
    ? durationToMilliseconds(
        readDurationFromConfig(rootConfig, {
          key: `${RENDER_LIMITS_CONFIG_KEY}.timeout`,
        }),
      )
    : DEFAULT_RENDER_LIMITS.timeoutMs;
  if (!(timeoutMs > 0)) {
    throw new InputError(
      `${RENDER_LIMITS_CONFIG_KEY}.timeout must be longer than zero`,
    );
  }
  return {
    timeoutMs,
    maxOutputBytes:
      positiveInteger(config, 'maxOutputBytes') ??
      DEFAULT_RENDER_LIMITS.maxOutputBytes,
    maxStepsPerFile:
      positiveInteger(config, 'maxStepsPerFile') ??
      DEFAULT_RENDER_LIMITS.maxStepsPerFile,
    maxSkeletonBytes:
      positiveInteger(config, 'maxSkeletonBytes') ??
      DEFAULT_RENDER_LIMITS.maxSkeletonBytes,
  };
}
