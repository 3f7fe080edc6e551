/**
 * Values kept for a while, lookups in flight shared: many cards and the fleet view asking
 * about the same change within `ttlMs` cost one read of the repository or GitHub. A
 * failed lookup is not kept. Holds at most `maxEntries` (expired entries go first, then
 * the oldest).
 */
export class TtlCache<T> {
  private readonly entries = new Map<
    string,
    { expires: number; value: Promise<T> }
  >();

  constructor(
    private readonly options: {
      ttlMs: number;
      maxEntries: number;
      now?: () => number;
    },
  ) {}

  /** The key's value, loaded when absent or expired; with `fresh`, loaded again in any case. */
  get(
    key: string,
    load: () => Promise<T>,
    options: { fresh?: boolean } = {},
  ): Promise<T> {
    const now = this.options.now?.() ?? Date.now();
    const entry = this.entries.get(key);
    if (entry && entry.expires > now && !options.fresh) return entry.value;
    const value = load();
    this.entries.delete(key);
    this.entries.set(key, { expires: now + this.options.ttlMs, value });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    this.prune(now);
    return value;
  }

  private prune(now: number) {
    if (this.entries.size <= this.options.maxEntries) return;
    for (const [key, entry] of this.entries)
      if (entry.expires <= now) this.entries.delete(key);
    // Map order is insertion order: the oldest first.
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.options.maxEntries) break;
      this.entries.delete(key);
    }
  }
}
