import type { ChecklistResult } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import type { CorpusEntry } from './labels';

/** A check whose verdict differs from its label. */
export type Disagreement = {
  repo: string;
  check: string;
  expected: string;
  got: string;
  summary: string;
  /** path:line of the analyzer's evidence, as labels write it. */
  evidence: string[];
  labelReason: string;
};

export type Agreement = {
  /** check id → agreed / labelled. */
  perCheck: Map<string, { agreed: number; total: number }>;
  agreed: number;
  total: number;
  disagreements: Disagreement[];
};

/** Compares the analyzer's results with the labels, check by check. */
export function compareWithLabels(
  runs: { entry: CorpusEntry; result: ChecklistResult }[],
): Agreement {
  const agreement: Agreement = {
    perCheck: new Map(),
    agreed: 0,
    total: 0,
    disagreements: [],
  };
  for (const { entry, result } of runs) {
    for (const [check, label] of Object.entries(entry.labels)) {
      const item = result.items.find(i => i.id === check);
      const got = item?.status ?? 'missing';
      const counts = agreement.perCheck.get(check) ?? { agreed: 0, total: 0 };
      counts.total++;
      agreement.total++;
      if (got === label.status) {
        counts.agreed++;
        agreement.agreed++;
      } else {
        agreement.disagreements.push({
          repo: entry.repo,
          check,
          expected: label.status,
          got,
          summary: item?.summary ?? '',
          evidence: (item?.evidence ?? [])
            .slice(0, 4)
            .map(e => (e.line ? `${e.path}:${e.line}` : e.path)),
          labelReason: label.reason,
        });
      }
      agreement.perCheck.set(check, counts);
    }
  }
  return agreement;
}

export const percent = (agreed: number, total: number) =>
  total ? `${((100 * agreed) / total).toFixed(1)} %` : 'n/a';
