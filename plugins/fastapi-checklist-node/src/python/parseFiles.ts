import { toError } from '@backstage/errors';
import type { Diagnostic } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { AnalysisLimitError, LIMIT_KEYS } from '../limits';
import { isBinary, SourceTree } from '../tree/sourceTree';
import { parsePython, PythonParser, Tree } from './parser';

export type ParsedFile = { path: string; tree: Tree };

/**
 * Parses every Python file once, converting each tree to its compact plain form (the wasm
 * tree is freed at once); unreadable files become diagnostics. Parsing past
 * `parseTimeoutMs` abandons the repository with an error naming the limit.
 */
export function parseFiles(
  parser: PythonParser,
  tree: SourceTree,
  diagnostics: Diagnostic[],
  parseTimeoutMs: number,
): ParsedFile[] {
  const deadline = performance.now() + parseTimeoutMs;
  const parsed: ParsedFile[] = [];
  for (const [path, content] of tree.files) {
    if (!path.endsWith('.py')) continue;
    if (performance.now() > deadline) {
      throw new AnalysisLimitError(
        `Parsing the repository's Python files took longer than ${parseTimeoutMs} ms (limit ${LIMIT_KEYS.parseTimeoutMs})`,
      );
    }
    if (isBinary(content)) {
      diagnostics.push({
        path,
        message: 'skipped: binary content in a .py file',
      });
      continue;
    }
    try {
      const syntax = parsePython(parser, content.toString('utf8'));
      if (syntax.hasError) {
        const error =
          syntax.rootNode.descendantsOfType('ERROR')[0] ?? syntax.rootNode;
        diagnostics.push({
          path,
          message: `syntax error near line ${
            error.startPosition.row + 1
          }; analysed what could be parsed`,
        });
      }
      parsed.push({ path, tree: syntax });
    } catch (error) {
      diagnostics.push({
        path,
        message: `skipped: parser failed: ${toError(error).message}`,
      });
    }
  }
  return parsed;
}
