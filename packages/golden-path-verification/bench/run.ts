/* eslint-disable no-console */
import { benchAnalyzer } from './rows/analyzer';
import { benchChecklistBackend } from './rows/checklistBackend';
import { benchChecklistReplicas } from './rows/checklistReplicas';
import { benchCorpusAgreement } from './rows/corpusAgreement';
import { benchGeneratedService } from './rows/generatedService';
import { benchHostileRepository } from './rows/hostileRepository';
import { benchScaffolderRender } from './rows/scaffolderRender';
import { BenchRow, printTable } from './lib/table';

/** `npm run bench`: measures, prints a table of medians and ratios. Never asserts. */
async function main() {
  const rows: BenchRow[] = [];
  rows.push(await benchScaffolderRender());
  rows.push(...(await benchAnalyzer()));
  rows.push(...(await benchCorpusAgreement()));
  rows.push(...(await benchChecklistBackend()));
  rows.push(...(await benchChecklistReplicas()));
  rows.push(...(await benchGeneratedService()));
  rows.push(...(await benchHostileRepository()));
  printTable(rows);
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
