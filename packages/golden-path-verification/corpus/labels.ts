import fs from 'node:fs';
import path from 'node:path';
import type { CheckStatus } from '@fastapi-golden-path/plugin-fastapi-checklist-common';

/** One hand-made verdict (see corpus/README.md for the format and the labelling rules). */
export type Label = {
  status: Exclude<CheckStatus, 'error'>;
  evidence: string[];
  reason: string;
};

/** One corpus service: a repository at a commit, its service folder and its 11 labels. */
export type CorpusEntry = {
  repo: string;
  commit: string;
  root: string;
  style: string;
  labels: Record<string, Label>;
};

export const LABELS_PATH = path.join(__dirname, 'labels.json');

export function readLabels(file = LABELS_PATH): CorpusEntry[] {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as CorpusEntry[];
}

/** Where fetch.sh puts a repository's checkout: `<dir>/<owner>+<name>`. */
export function checkoutDirectory(dir: string, repo: string): string {
  return path.join(dir, repo.replace('/', '+'));
}
