import fs from 'node:fs';
import { Language, Node, Parser, Tree } from 'web-tree-sitter';

export type { Parser };

export type { Node, Tree };

let ready: Promise<Parser> | undefined;

/** Resolves a file shipped in an npm package (the wasm grammars travel with their packages). */
function packageFile(specifier: string): string {
  return require.resolve(specifier);
}

async function createParser(): Promise<Parser> {
  const runtimeWasm = fs.readFileSync(
    packageFile('web-tree-sitter/tree-sitter.wasm'),
  );
  await Parser.init({ wasmBinary: runtimeWasm } as object);
  // Loaded as bytes: the path form performs a dynamic import that jest cannot run.
  const python = await Language.load(
    new Uint8Array(
      fs.readFileSync(
        packageFile('tree-sitter-python/tree-sitter-python.wasm'),
      ),
    ),
  );
  const parser = new Parser();
  parser.setLanguage(python);
  return parser;
}

/** The shared Python parser, initialised once per process. */
export function getPythonParser(): Promise<Parser> {
  ready ??= createParser();
  return ready;
}

export class ParseBudgetExceeded extends Error {}

/**
 * Parses Python source, giving up after `budgetMs` so one pathological file cannot
 * stall an analysis. tree-sitter recovers from syntax errors; callers read `hasError`.
 */
export function parsePython(
  parser: Parser,
  source: string,
  budgetMs = 2000,
): Tree {
  const deadline = Date.now() + budgetMs;
  const tree = parser.parse(source, null, {
    progressCallback: (() => Date.now() > deadline) as unknown as () => void,
  });
  if (!tree)
    throw new ParseBudgetExceeded(`parsing took longer than ${budgetMs} ms`);
  return tree;
}
