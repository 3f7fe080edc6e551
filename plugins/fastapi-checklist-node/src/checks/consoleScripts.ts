import type { Evidence } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import type { Node } from '../python/parser';
import type { PythonModule, PythonProject } from '../python/project';
import { inFolder } from './repositoryFiles';

/** The tables declaring console scripts: PEP 621's and Poetry's. */
const SCRIPTS_TABLE =
  /^\s*\[\s*(project\.scripts|tool\.poetry\.scripts)\s*\]\s*$/;
/** `name = "package.module:function"` (the name bare or quoted). */
const SCRIPT_ENTRY =
  /^\s*["']?([\w.-]+)["']?\s*=\s*["']([\w.]+):([\w]+)["']\s*(#.*)?$/;

/** A console script the container runs: its function, and where pyproject.toml declares it. */
export type ConsoleScript = {
  module: PythonModule;
  func: Node;
  evidence: Evidence;
};

/**
 * The function a console script declared in the service's pyproject.toml runs, when the
 * command's first word is that script (`CMD ["shop-api"]` with
 * `shop-api = "app.serve:main"` under `[project.scripts]` or `[tool.poetry.scripts]`).
 */
export function consoleScript(
  words: string[],
  project: PythonProject,
  files: Map<string, Buffer>,
  root: string,
): ConsoleScript | undefined {
  const command = words[0]?.split('/').pop();
  const path = inFolder(root, 'pyproject.toml');
  const text = files.get(path)?.toString('utf8');
  if (!command || !text) return undefined;
  let inScripts = false;
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    if (/^\s*\[/.test(line)) {
      inScripts = SCRIPTS_TABLE.test(line);
      continue;
    }
    const entry = inScripts ? SCRIPT_ENTRY.exec(line) : null;
    if (!entry || entry[1] !== command) continue;
    const module = project.modules.get(entry[2]);
    const symbol = module?.scope.definitions.get(entry[3]);
    if (!module || symbol?.type !== 'function_definition') return undefined;
    return {
      module,
      func: symbol,
      evidence: {
        path,
        line: index + 1,
        snippet: line.trim(),
        message: `console script ${command}`,
      },
    };
  }
  return undefined;
}
