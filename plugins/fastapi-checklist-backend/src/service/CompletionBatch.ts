import type { StoredChecklist } from '../database/ChecklistStore';

type Pending = {
  record: StoredChecklist;
  resolve(saved: StoredChecklist | undefined): void;
  reject(error: unknown): void;
};

/**
 * Stores the evaluations of one queue batch together: most entities of a refresh are
 * unchanged, and saving them one transaction each made the database round trips, not the
 * reading, the cost of a refresh. Results are written when every expected evaluation has
 * reported, when `size` are waiting, or `maxDelay` ms after the first one waited, so a
 * slow analysis never holds quick results back for long. Records saved together share
 * one evaluation time (when they were saved), so unchanged ones cost one statement.
 */
export class CompletionBatch {
  private pending: Pending[] = [];
  private outstanding: number;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly options: {
      /** How many evaluations will report (by `add` or `skip`). */
      expected: number;
      size: number;
      maxDelay: number;
      /** Saves the records; resolves to the refs whose claims were still held. */
      store(records: StoredChecklist[]): Promise<Set<string>>;
    },
  ) {
    this.outstanding = options.expected;
  }

  /** Saves the record with the batch: resolves to it as saved, or undefined when its claim was lost. */
  add(record: StoredChecklist): Promise<StoredChecklist | undefined> {
    return new Promise((resolve, reject) => {
      this.pending.push({ record, resolve, reject });
      this.outstanding -= 1;
      if (this.outstanding <= 0 || this.pending.length >= this.options.size) {
        this.flush();
      } else {
        this.timer ??= setTimeout(() => this.flush(), this.options.maxDelay);
      }
    });
  }

  /** An expected evaluation that will not report a record (skipped or failed). */
  skip(): void {
    this.outstanding -= 1;
    if (this.outstanding <= 0) this.flush();
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    if (!batch.length) return;
    const evaluatedAt = new Date().toISOString();
    const records = batch.map(item => ({ ...item.record, evaluatedAt }));
    this.options.store(records).then(
      held =>
        batch.forEach((item, index) =>
          item.resolve(
            held.has(records[index].entityRef) ? records[index] : undefined,
          ),
        ),
      error => batch.forEach(item => item.reject(error)),
    );
  }
}
