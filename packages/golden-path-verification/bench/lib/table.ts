export type BenchRow = {
  benchmark: string;
  subject: string;
  baseline: string;
  ratio: string;
  target: string;
};

/** Prints rows as a Markdown table, so the output can be pasted into an issue as is. */
export function printTable(rows: BenchRow[]): void {
  const headers: (keyof BenchRow)[] = [
    'benchmark',
    'subject',
    'baseline',
    'ratio',
    'target',
  ];
  const widths = headers.map(h =>
    Math.max(h.length, ...rows.map(r => r[h].length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(headers));
  console.log(line(widths.map(w => '-'.repeat(w))));
  for (const row of rows) console.log(line(headers.map(h => row[h])));
}

export const ms = (value: number) => `${value.toFixed(0)} ms`;
