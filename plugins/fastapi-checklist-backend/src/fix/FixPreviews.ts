import type { UrlReaderService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { ServiceUnavailableError } from '@backstage/errors';
import type {
  ChecklistOptions,
  FixPreview,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import {
  AnalysisPool,
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
  /**
   * Runs the fixes: the plugin's AnalysisPool (a worker thread, ended at its time limit).
   * Without one (tests), in process, one preview at a time.
   */
  fixer?: Pick<AnalysisPool, 'fix'>;
};

/**
 * "Fix it" previews: reads the entity's repository as the checklist does and runs the
 * automatic fixes on it in memory, answering each changed file's diff, the checks the
 * change fixes and the refusals. Nothing is written. The fixes re-run the analysis once
 * per fix: in the analysis pool's workers when there is one; in process otherwise, one
 * preview at a time. Either way a caller waits at most the analysis time limit.
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
      const run = () => this.compute(entity, checks);
      // the pool bounds its workers; in process the limiter is held until the work
      // ends, even past a timed-out caller
      return await Promise.race([
        this.options.fixer ? run() : this.oneAtATime(run),
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
    const { fixer } = this.options;
    const report = fixer
      ? await fixer.fix(source.tree, checks, checklist)
      : await fixRepository(source.tree, checks, checklist);
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
