/* eslint-disable no-console */
import { BenchRow, printTable } from './lib/table';

/**
 * Each row group by name, in the order they run and print. A group's modules are loaded
 * when it runs: the analyzer rows measure an analysis in a heap like the one of the
 * backend's analysis workers (the analyzer alone), not inside every other group's
 * modules (the Backstage backend's among them), whose larger heap made each analysis's
 * garbage collection cost up to twice as much. The analyzer group runs first for that
 * reason too.
 */
const GROUPS: Record<string, () => Promise<BenchRow | BenchRow[]>> = {
  analyzer: async () => (await import('./rows/analyzer')).benchAnalyzer(),
  render: async () =>
    (await import('./rows/scaffolderRender')).benchScaffolderRender(),
  corpus: async () =>
    (await import('./rows/corpusAgreement')).benchCorpusAgreement(),
  backend: async () =>
    (await import('./rows/checklistBackend')).benchChecklistBackend(),
  replicas: async () =>
    (await import('./rows/checklistReplicas')).benchChecklistReplicas(),
  replicaDownloads: async () =>
    (await import('./rows/checklistReplicas')).benchChecklistReplicaDownloads(),
  service: async () =>
    (await import('./rows/generatedService')).benchGeneratedService(),
  hostile: async () =>
    (await import('./rows/hostileRepository')).benchHostileRepository(),
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
