/** The outcome of one step of one variant. */
export type StepResult = {
  step: string;
  ok: boolean;
  seconds: number;
  note?: string;
};

export type VariantResult = {
  variant: string;
  steps: StepResult[];
  /** The first failure (a StepError names the variant, command and output). */
  error?: Error;
  /** Where the variant was rendered (kept when it failed). */
  dir: string;
};

/** The variant × step table: `ok 3.1s`, `FAIL 3.1s`, or `-` for steps a variant has not. */
export function summaryTable(
  results: VariantResult[],
  steps: string[],
): string {
  const header = ['variant', ...steps, 'total'];
  const rows = results.map(result => {
    const cells = steps.map(step => {
      const found = result.steps.find(s => s.step === step);
      if (!found) return '-';
      return `${found.ok ? 'ok' : 'FAIL'} ${found.seconds.toFixed(1)}s${
        found.note ? ` ${found.note}` : ''
      }`;
    });
    const total = result.steps.reduce((sum, s) => sum + s.seconds, 0);
    return [result.variant, ...cells, `${total.toFixed(1)}s`];
  });
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map(r => r[i].length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [
    line(header),
    line(widths.map(w => '-'.repeat(w))),
    ...rows.map(line),
  ].join('\n');
}
