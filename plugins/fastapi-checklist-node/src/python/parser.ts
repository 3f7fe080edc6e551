import fs from 'node:fs';
import { Language, Parser } from 'web-tree-sitter';
import { PlainTree, PyNode, toPlainTree } from './plainTree';

export type { Parser };
export type Node = PyNode;
export type Tree = PlainTree;

export type PythonParser = { parser: Parser; language: Language };
let ready: Promise<PythonParser> | undefined;

async function createParser(): Promise<PythonParser> {
  const runtimeWasm = fs.readFileSync(
    require.resolve('web-tree-sitter/tree-sitter.wasm'),
  );
  await Parser.init({ wasmBinary: runtimeWasm } as object);
  // Loaded as bytes: the path form performs a dynamic import that jest cannot run.
  const language = await Language.load(
    new Uint8Array(
      fs.readFileSync(
        require.resolve('tree-sitter-python/tree-sitter-python.wasm'),
      ),
    ),
  );
  const parser = new Parser();
  parser.setLanguage(language);
  return { parser, language };
}

/**
 * The shared Python parser (the wasm grammar shipped in tree-sitter-python), initialised once.
 *
 * @public
 */
export function getPythonParser(): Promise<PythonParser> {
  ready ??= createParser();
  return ready;
}

/**
 * Parses Python source into a plain tree. tree-sitter recovers from syntax errors
 * (callers read `hasError`) and runs in linear time, so the tree limits on file size
 * and count bound the work.
 *
 * @public
 */
export function parsePython(
  { parser, language }: PythonParser,
  source: string,
): Tree {
  const tree = parser.parse(source);
  if (!tree) throw new Error('the parser returned no tree');
  return toPlainTree(tree, source, language);
}
