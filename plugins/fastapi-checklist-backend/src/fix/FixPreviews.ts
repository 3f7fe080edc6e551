import type { UrlReaderService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { ServiceUnavailableError } from '@backstage/errors';
import type {
  ChecklistOptions,
  FixPreview,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import {
  fixRepository,
  TreeLimits,
} from '@fastapi-golden-path/plugin-fastapi-checklist-node';
import pLimit from 'p-limit';
import { readEntitySource } from '../source/readEntitySource';
import { fixPatches } from './fixPatches';

export type FixPreviewsOptions = {
  urlReader: UrlReaderService;
  checklist: ChecklistOptions;
  /** The local repositories root (absolute), when the local target is configured. */
  localRoot?: string;
  /** What a repository may hold when read: the checklist's limits. */
  limits?: TreeLimits;
  /** Longest wait for one preview (the analysis time limit), in ms. */
  timeoutMs: number;
};

/**
 * "Fix it" previews: reads the entity's repository as the checklist does and runs the
 * automatic fixes on it in memory, answering each changed file's diff, the checks the
 * change fixes and the refusals. Nothing is written. The fixes re-run the analysis once
 * per fix in this process, so previews run one at a time and a caller waits at most the
 * analysis time limit.
 */
export class FixPreviews {
  private readonly oneAtATime = pLimit(1);

  constructor(private readonly options: FixPreviewsOptions) {}

  async preview(entity: Entity, checks: string[]): Promise<FixPreview> {
    const { timeoutMs } = this.options;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new ServiceUnavailableError(
              `The fix preview took longer than ${timeoutMs} ms`,
            ),
          ),
        timeoutMs,
      );
    });
    try {
      // the limiter is held until the work ends, even past a timed-out caller
      return await Promise.race([
        this.oneAtATime(() => this.compute(entity, checks)),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async compute(entity: Entity, checks: string[]): Promise<FixPreview> {
    const { urlReader, localRoot, limits, checklist } = this.options;
    const source = await readEntitySource({
      entity,
      urlReader,
      localRoot,
      limits,
    });
    // no etag was passed, so the source is always read
    if (!source.changed) throw new Error('the repository could not be read');
    const report = await fixRepository(source.tree, checks, checklist);
    return {
      files: fixPatches(source.tree.files, report.files),
      fixed: report.applied.map(fix => ({
        id: fix.checkId,
        from: fix.before,
        to: fix.after,
      })),
      refusals: report.refusals,
    };
  }
}
