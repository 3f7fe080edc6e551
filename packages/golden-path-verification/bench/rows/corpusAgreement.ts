import { analyzeCorpus } from '../../corpus/analyzeCorpus';
import { compareWithLabels, percent } from '../../corpus/agreement';
import { BenchRow } from '../lib/table';

const TARGET = 'agreement ≥ 95 %';

/**
 * Agreement of the analyzer with the hand-labelled corpus (corpus/README.md), one row per
 * check and one overall, on the checkouts under CORPUS_DIR (made by corpus/fetch.sh).
 * Without CORPUS_DIR the row says so instead of measuring part of the corpus.
 */
export async function benchCorpusAgreement(): Promise<BenchRow[]> {
  const dir = process.env.CORPUS_DIR;
  if (!dir) {
    return [
      {
        benchmark: 'analyzer agreement with the labelled corpus',
        subject:
          'skipped: set CORPUS_DIR to a directory made by corpus/fetch.sh',
        baseline: '-',
        ratio: '-',
        target: TARGET,
      },
    ];
  }
  const agreement = compareWithLabels(await analyzeCorpus(dir));
  const rows: BenchRow[] = [...agreement.perCheck].map(
    ([check, { agreed, total }]) => ({
      benchmark: `corpus agreement: ${check}`,
      subject: `${agreed} of ${total} services`,
      baseline: 'hand labels',
      ratio: percent(agreed, total),
      target: TARGET,
    }),
  );
  rows.push({
    benchmark: 'corpus agreement: overall',
    subject: `${agreement.agreed} of ${agreement.total} verdicts (${agreement.disagreements.length} disagreements: corpus/runCorpus.ts lists them)`,
    baseline: 'hand labels',
    ratio: percent(agreement.agreed, agreement.total),
    target: TARGET,
  });
  return rows;
}
