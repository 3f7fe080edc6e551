/* eslint-disable no-console */
import { analyzeCorpus } from './analyzeCorpus';
import { compareWithLabels, percent } from './agreement';
import { readLabels } from './labels';

/**
 * `npx tsx corpus/runCorpus.ts <checkouts dir> [repo filter]`: the analyzer on every corpus service,
 * agreement with the hand-made labels per check and overall, and every disagreement.
 */
async function main(dir: string | undefined, only: string | undefined) {
  if (!dir) {
    console.error(
      'usage: tsx corpus/runCorpus.ts <checkouts dir> [repo filter]',
    );
    process.exit(2);
  }
  const entries = readLabels().filter(e => !only || e.repo.includes(only));
  const runs = await analyzeCorpus(dir, entries);
  const agreement = compareWithLabels(runs);

  console.log('## Disagreements\n');
  for (const d of agreement.disagreements) {
    console.log(
      `- ${d.repo} · ${d.check}: expected ${d.expected}, got ${d.got}`,
    );
    console.log(`    analyzer: ${d.summary}`);
    if (d.evidence.length)
      console.log(`    evidence: ${d.evidence.join(', ')}`);
    console.log(`    label: ${d.labelReason}`);
  }
  console.log('\n## Service roots\n');
  for (const { entry, result, milliseconds } of runs) {
    const found = result.serviceRoots.map(r => r || '(root)').join(', ');
    const mark = result.serviceRoots.includes(entry.root)
      ? ''
      : '  <- labelled root not found';
    console.log(
      `- ${entry.repo}: labelled ${entry.root || '(root)'}, found ${
        found || 'none'
      } (${milliseconds.toFixed(0)} ms)${mark}`,
    );
  }
  console.log('\n## Agreement per check\n');
  console.log('| check | agreed | of | agreement |');
  console.log('| --- | --- | --- | --- |');
  for (const [check, { agreed, total }] of agreement.perCheck) {
    console.log(
      `| ${check} | ${agreed} | ${total} | ${percent(agreed, total)} |`,
    );
  }
  console.log(
    `| **overall** | ${agreement.agreed} | ${agreement.total} | ${percent(
      agreement.agreed,
      agreement.total,
    )} |`,
  );
}

main(process.argv[2], process.argv[3]).catch(error => {
  console.error(error);
  process.exit(1);
});
