import type { UrlReaderService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { InferredAnswers } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import {
  AnalysisPool,
  inferTemplateAnswers,
  TreeLimits,
} from '@fastapi-golden-path/plugin-fastapi-checklist-node';
import pLimit from 'p-limit';
import { readEntitySource } from '../source/readEntitySource';
import { TtlCache } from './TtlCache';
import {
  UPGRADE_CACHE_MAX_ENTRIES,
  UPGRADE_CACHE_TTL_MS,
} from './UpgradeChanges';

/** Where a generated repository records its answers (fastapi:upgrade reads them there). */
export const ANSWERS_FILE = '.golden-path/answers.yaml';

export type RepositoryAnswersOptions = {
  urlReader: UrlReaderService;
  /** The local repositories root (absolute), when the local target is configured. */
  localRoot?: string;
  /** What a repository may hold when read: the checklist's limits. */
  limits?: TreeLimits;
  /**
   * Infers in the plugin's AnalysisPool (a worker thread, ended at its time limit).
   * Without one (tests), in process, one at a time.
   */
  inferrer?: Pick<AnalysisPool, 'inferAnswers'>;
  now?: () => number;
};

/**
 * The template answers of a service created before they were recorded, inferred from its
 * repository (read as the checklist reads it), for the upgrade form. A repository with an
 * answers file gives none: the upgrade reads that file. Kept a minute per service.
 */
export class RepositoryAnswers {
  private readonly cache: TtlCache<InferredAnswers | undefined>;
  private readonly oneAtATime = pLimit(1);

  constructor(private readonly options: RepositoryAnswersOptions) {
    this.cache = new TtlCache({
      ttlMs: UPGRADE_CACHE_TTL_MS,
      maxEntries: UPGRADE_CACHE_MAX_ENTRIES,
      now: options.now,
    });
  }

  forEntity(entity: Entity): Promise<InferredAnswers | undefined> {
    return this.cache.get(stringifyEntityRef(entity), () => this.infer(entity));
  }

  private async infer(entity: Entity): Promise<InferredAnswers | undefined> {
    const { urlReader, localRoot, limits, inferrer } = this.options;
    const source = await readEntitySource({
      entity,
      urlReader,
      localRoot,
      limits,
    });
    // no etag was passed, so the source is always read
    if (!source.changed) return undefined;
    if (source.tree.files.has(ANSWERS_FILE)) return undefined;
    const { tree } = source;
    return inferrer
      ? inferrer.inferAnswers(tree)
      : this.oneAtATime(() => inferTemplateAnswers(tree));
  }
}
