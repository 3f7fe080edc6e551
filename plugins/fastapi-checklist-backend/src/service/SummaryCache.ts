import type { ChecklistStore, StoredSummary } from '../database/ChecklistStore';

type Snapshot = {
  generation: bigint;
  summaries: Promise<ReadonlyMap<string, StoredSummary>>;
};

/**
 * This replica's copy of every entity's stored summary (the permission-independent part
 * of the org-wide summary; callers filter it by what each may read), valid while the
 * database's summary generation is unchanged. Each request reads the generation (one
 * primary-key row) and reloads the table only when another write committed since, on
 * whichever replica: the generation is read before the table, so a copy is never older
 * than the generation it is kept under, and a save that committed before a request
 * began is always in what that request sees.
 */
export class SummaryCache {
  private snapshot?: Snapshot;

  constructor(private readonly store: ChecklistStore) {}

  /**
   * Every stored summary, current as of this call. Concurrent requests of one generation
   * share one load.
   */
  async summaries(): Promise<ReadonlyMap<string, StoredSummary>> {
    const generation = BigInt(await this.store.summaryGeneration());
    const held = this.snapshot;
    // A newer snapshot than this request's generation (a concurrent request saw a later
    // write) is at least as current as this one needs.
    if (held && held.generation >= generation) return held.summaries;
    const summaries = this.store.getAllSummaries();
    const snapshot: Snapshot = { generation, summaries };
    this.snapshot = snapshot;
    summaries.catch(() => {
      if (this.snapshot === snapshot) this.snapshot = undefined;
    });
    return summaries;
  }
}
