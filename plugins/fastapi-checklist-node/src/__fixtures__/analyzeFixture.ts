import type {
  ChecklistOptions,
  CheckResult,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { analyzeRepository } from '../analyze';
import { treeFromEntries } from '../tree/sourceTree';
import { goodService } from './goodService';

/** The good service with some files replaced (a string) or removed (null). */
export function serviceWith(
  overrides: Record<string, string | null> = {},
): Record<string, string> {
  const files = { ...goodService };
  for (const [path, content] of Object.entries(overrides)) {
    if (content === null) delete files[path];
    else files[path] = content;
  }
  return files;
}

export async function analyzeFiles(
  files: Record<string, string | Buffer>,
  options?: ChecklistOptions,
) {
  return analyzeRepository(treeFromEntries(Object.entries(files)), options);
}

/**
 * Overrides replacing the good service's app with modules of its own, each given as its
 * lines (the fixture's main, security and routers go away).
 */
export const onlyModules = (
  files: Record<string, string[]>,
): Record<string, string | null> => ({
  'app/main.py': null,
  'app/security.py': null,
  'app/routers/items.py': null,
  'app/routers/admin.py': null,
  'app/routers/login.py': null,
  ...Object.fromEntries(
    Object.entries(files).map(([path, lines]) => [path, lines.join('\n')]),
  ),
});

/** Runs the analyzer and returns one check's result. */
export async function checkOf(
  id: string,
  overrides: Record<string, string | null> = {},
): Promise<CheckResult> {
  const result = await analyzeFiles(serviceWith(overrides));
  const item = result.items.find(i => i.id === id);
  if (!item) throw new Error(`no ${id} item`);
  return item;
}

/** "path:line message" lines of a result's evidence, for readable assertions. */
export const evidenceLines = (item: CheckResult) =>
  item.evidence.map(
    e =>
      `${e.path}${e.line ? `:${e.line}` : ''}${
        e.message ? ` ${e.message}` : ''
      }`,
  );
