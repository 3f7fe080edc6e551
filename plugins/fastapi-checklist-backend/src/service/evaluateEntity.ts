import type {
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { stringifyError } from '@backstage/errors';
import {
  applyWaivers,
  ChecklistOptions,
  utcDay,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import {
  analyzeRepository,
  AnalysisLimits,
  ChecklistAnalyzer,
} from '@fastapi-golden-path/plugin-fastapi-checklist-node';
import type { StoredChecklist } from '../database/ChecklistStore';
import { readEntitySource } from '../source/readEntitySource';
import { analysisKey, sourceEtagOf, storedEtag } from './analysisEtag';
import { publicErrorMessage } from './publicErrorMessage';

export type EvaluateEntityOptions = {
  urlReader: UrlReaderService;
  logger: LoggerService;
  checklist: ChecklistOptions;
  /** The local repositories root (absolute), when the local target is configured. */
  localRoot?: string;
  /**
   * Runs analyses: the plugin's AnalysisPool (worker threads, so a large repository does
   * not block the event loop). Without one (tests), analyses run in process.
   */
  analyzer?: ChecklistAnalyzer;
  /** What a repository may hold when read (fastapiChecklist.analysis); defaults otherwise. */
  limits?: AnalysisLimits;
  /** The clock (tests move it to see waivers expire); the system's otherwise. */
  now?: () => Date;
};

/**
 * One evaluation, without storing it: reads the entity's repository (passing the previous
 * etag) and analyses it when it changed; an unchanged repository gives the previous
 * result again. Failures become `error` results with a reason safe to show.
 */
export async function evaluateEntity(
  entity: Entity,
  previous: StoredChecklist | undefined,
  options: EvaluateEntityOptions,
): Promise<StoredChecklist> {
  const { urlReader, localRoot, checklist, logger, analyzer, limits } = options;
  const entityRef = stringifyEntityRef(entity);
  const now = options.now?.() ?? new Date();
  const evaluatedAt = now.toISOString();
  const analysis = analysisKey(checklist);
  try {
    const source = await readEntitySource({
      entity,
      urlReader,
      localRoot,
      etag: sourceEtagOf(analysis, previous?.etag),
      limits,
    });
    // Unchanged: the previous result, its waivers applied as of today, so one that
    // expired is stored at its real status (and in the history) without a new commit.
    if (!source.changed && previous) {
      const { result } = previous;
      return {
        ...previous,
        ...(result && { result: applyWaivers(result, utcDay(now)) }),
        evaluatedAt,
      };
    }
    if (!source.changed)
      throw new Error('the source reported no change but nothing is stored');
    const result = analyzer
      ? await analyzer.analyze(source.tree, checklist)
      : await analyzeRepository(source.tree, checklist, limits);
    return {
      entityRef,
      etag: storedEtag(analysis, source.etag),
      status: 'ok',
      // the analysis applied them on the system's day; the clock's may differ
      result: applyWaivers(result, utcDay(now)),
      evaluatedAt,
    };
  } catch (error) {
    logger.warn(`Checklist of ${entityRef} failed: ${stringifyError(error)}`);
    return {
      entityRef,
      status: 'error',
      error: publicErrorMessage(error, localRoot),
      evaluatedAt,
    };
  }
}
