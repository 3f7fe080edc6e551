/** Summary statistics of a sample of durations in milliseconds. */
export type Sample = { median: number; p10: number; p90: number; runs: number };

function quantile(sorted: number[], q: number): number {
  const index = (sorted.length - 1) * q;
  const low = Math.floor(index);
  const high = Math.ceil(index);
  return sorted[low] + (sorted[high] - sorted[low]) * (index - low);
}

export function summarize(durations: number[]): Sample {
  const sorted = [...durations].sort((a, b) => a - b);
  return {
    median: quantile(sorted, 0.5),
    p10: quantile(sorted, 0.1),
    p90: quantile(sorted, 0.9),
    runs: sorted.length,
  };
}

/** Times fn after warm-up runs; alternating callers interleave two of these for fairness. */
export async function timeIt(fn: () => Promise<void>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}
