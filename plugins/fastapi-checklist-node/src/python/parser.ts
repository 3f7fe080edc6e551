import fs from 'node:fs';
import { Language, Parser } from 'web-tree-sitter';
import { PlainTree, PyNode, toPlainTree } from './plainTree';
import type { TreeMemory } from './treeMemory';
import { treeMemoryOf } from './treeMemoryCheck';
import { CursorExports, cursorExportsOf } from './wasmCursor';

export type { Parser };
export type Node = PyNode;
export type Tree = PlainTree;

export type PythonParser = {
  parser: Parser;
  language: Language;
  /** The wasm module's cursor functions, when this thread's Parser.init was ours. */
  cursorCalls?: CursorExports;
  /** Reads trees straight from the wasm heap, when it copies a probe as the cursor does. */
  treeMemory?: TreeMemory;
};
let ready: Promise<PythonParser> | undefined;

async function createParser(): Promise<PythonParser> {
  const runtimeWasm = fs.readFileSync(
    require.resolve('web-tree-sitter/tree-sitter.wasm'),
  );
  // Emscripten builds the module on this object: its cursor exports let the tree copy
  // skip TreeCursor's per-call marshalling (see wasmCursor.ts).
  const moduleOptions = { wasmBinary: runtimeWasm };
  await Parser.init(moduleOptions as object);
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
  const cursorCalls = cursorExportsOf(moduleOptions);
  return {
    parser,
    language,
    cursorCalls,
    treeMemory: treeMemoryOf(moduleOptions, parser, language, cursorCalls),
  };
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
 * Replaces a parser that threw: its state may be corrupt ("memory access out of bounds"),
 * and every later parse with it would fail too. The wasm module itself is shared by the
 * thread, so the analysis pool also retires a worker whose parser failed.
 */
let failures = 0;

/** How many times a parser of this thread failed: a worker with failures retires. */
export function parserFailures(): number {
  return failures;
}

function discardParser(failed: PythonParser): void {
  failures += 1;
  const { language, cursorCalls, treeMemory } = failed;
  try {
    failed.parser.delete();
  } catch {
    // Already unusable; the replacement below is what matters.
  }
  const parser = new Parser();
  parser.setLanguage(language);
  ready = Promise.resolve({ parser, language, cursorCalls, treeMemory });
}

/** Thrown when tree-sitter itself failed; the parser has been replaced. */
export class ParserFailedError extends Error {
  name = 'ParserFailedError';
}

/**
 * Parses Python source into a plain tree. tree-sitter recovers from syntax errors
 * (callers read `hasError`) and runs in linear time, so the limits on file size, total
 * bytes and parse time (checked between files) bound the work.
 *
 * @public
 */
export function parsePython(python: PythonParser, source: string): Tree {
  let tree;
  try {
    tree = python.parser.parse(source);
  } catch (error) {
    discardParser(python);
    throw new ParserFailedError(`the parser failed: ${String(error)}`);
  }
  if (!tree) throw new Error('the parser returned no tree');
  return toPlainTree(
    tree,
    source,
    python.language,
    python.cursorCalls,
    python.treeMemory,
  );
}
