/* eslint-disable no-console */
import { benchAnalyzer } from './rows/analyzer';
import { benchChecklistBackend } from './rows/checklistBackend';
import {
  benchChecklistReplicaDownloads,
  benchChecklistReplicas,
} from './rows/checklistReplicas';
import { benchCorpusAgreement } from './rows/corpusAgreement';
import { benchGeneratedService } from './rows/generatedService';
import { benchHostileRepository } from './rows/hostileRepository';
import { benchScaffolderRender } from './rows/scaffolderRender';
import { BenchRow, printTable } from './lib/table';

/** Each row group by name, in the order the table prints them. */
const GROUPS: Record<string, () => Promise<BenchRow | BenchRow[]>> = {
  render: benchScaffolderRender,
  analyzer: benchAnalyzer,
  corpus: benchCorpusAgreement,
  backend: benchChecklistBackend,
  replicas: benchChecklistReplicas,
  replicaDownloads: benchChecklistReplicaDownloads,
  service: benchGeneratedService,
  hostile: benchHostileRepository,
};

/**
 * `npm run bench`: measures, prints a table of medians and ratios. Never asserts.
 * BENCH_ONLY (comma-separated group names) runs some groups only.
 */
async function main() {
  const only = process.env.BENCH_ONLY?.split(',').map(name => name.trim());
  const unknown = only?.filter(name => !(name in GROUPS)) ?? [];
  if (unknown.length) {
    throw new Error(
      `BENCH_ONLY names unknown groups (${unknown.join(
        ', ',
      )}); known: ${Object.keys(GROUPS).join(', ')}`,
    );
  }
  const rows: BenchRow[] = [];
  for (const [name, group] of Object.entries(GROUPS)) {
    if (!only || only.includes(name)) rows.push(...[await group()].flat());
  }
  printTable(rows);
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
