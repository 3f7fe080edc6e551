import fs from 'node:fs';
import {
  analyzeRepository,
  treeFromDirectory,
} from '@fastapi-golden-path/plugin-fastapi-checklist-node';
import type { ChecklistResult } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { checkoutDirectory, CorpusEntry, readLabels } from './labels';

export type CorpusRun = {
  entry: CorpusEntry;
  result: ChecklistResult;
  /** Wall time of reading and analysing the checkout. */
  milliseconds: number;
};

/**
 * Runs the real analyzer on every checkout under `dir` (the layout fetch.sh makes), the
 * whole repository as the checklist backend would read it. A missing checkout is an
 * error: agreement over part of the corpus would not be comparable.
 */
export async function analyzeCorpus(
  dir: string,
  entries: CorpusEntry[] = readLabels(),
): Promise<CorpusRun[]> {
  const missing = entries.filter(
    e => !fs.existsSync(checkoutDirectory(dir, e.repo)),
  );
  if (missing.length) {
    throw new Error(
      `${missing.length} checkout(s) missing under ${dir} (${missing
        .map(e => e.repo)
        .join(', ')}); run corpus/fetch.sh ${dir}`,
    );
  }
  const runs: CorpusRun[] = [];
  for (const entry of entries) {
    const start = process.hrtime.bigint();
    const tree = await treeFromDirectory(checkoutDirectory(dir, entry.repo));
    const result = await analyzeRepository(tree);
    runs.push({
      entry,
      result,
      milliseconds: Number(process.hrtime.bigint() - start) / 1e6,
    });
  }
  return runs;
}
