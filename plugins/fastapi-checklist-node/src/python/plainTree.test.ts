import { goodService } from '../__fixtures__/goodService';
import { deepExpression } from '../__fixtures__/hostileSources';
import { getPythonParser, parsePython, PythonParser } from './parser';
import { PyNode, reserveFactKinds } from './plainTree';
import { PROBE_SOURCE, treeMemoryOf } from './treeMemoryCheck';

/** Every node in source order with its type, range, parent and the fields naming it. */
function rows(root: PyNode, fieldNames: string[]): string[] {
  const out: string[] = [];
  const stack = [root];
  while (stack.length) {
    const node = stack.pop()!;
    const fields = fieldNames.filter(name =>
      node.parent?.childrenForFieldName(name).some(child => child.is(node)),
    );
    out.push(
      `${node.type} ${node.startIndex}-${node.endIndex} parent ${
        node.parent?.id ?? '-'
      } ${fields.join(',')}`,
    );
    stack.push(...[...node.children].reverse());
  }
  return out;
}

const SOURCES: Record<string, string> = {
  ...Object.fromEntries(
    Object.entries(goodService).filter(([path]) => path.endsWith('.py')),
  ),
  'syntax error': 'def broken(:\n    return [1, 2\nclass X(\n',
  // Surrogate pairs and multi-byte characters: indices are UTF-16 code units.
  unicode: 's = "héllo 🐍 wörld"\ndef f(x: "ünï"):\n    return x  # 🐍\n',
  empty: '',
  deep: deepExpression(3000),
};

describe('toPlainTree', () => {
  let python: PythonParser;
  beforeAll(async () => {
    python = await getPythonParser();
  });

  it('has the wasm module cursor exports, so the copy calls them directly', () => {
    expect(python.cursorCalls).toBeDefined();
  });

  it.each(Object.keys(SOURCES))(
    'copies %s the same through direct cursor calls as through the public TreeCursor',
    name => {
      const fieldNames = python.language.fields.filter(
        (field): field is string => !!field,
      );
      const direct = parsePython(
        { ...python, treeMemory: undefined },
        SOURCES[name],
      );
      const viaPublic = parsePython(
        { ...python, cursorCalls: undefined, treeMemory: undefined },
        SOURCES[name],
      );
      expect(direct.hasError).toBe(viaPublic.hasError);
      expect(rows(direct.rootNode, fieldNames)).toEqual(
        rows(viaPublic.rootNode, fieldNames),
      );
    },
  );

  it('reads trees from the wasm heap: its copy of the probe matched the cursor walk', () => {
    expect(python.treeMemory).toBeDefined();
  });

  it('keeps the cursor walk when the heap reader copies the probe differently', () => {
    // The real heap with its 16-bit view zeroed: every type read from it is wrong.
    const { heap } = python.treeMemory as unknown as {
      heap: { HEAPU8: Uint8Array; HEAPU32: Uint32Array };
    };
    const wrongTypes = {
      HEAPU8: heap.HEAPU8,
      HEAPU16: new Uint16Array(heap.HEAPU8.length / 2),
      HEAPU32: heap.HEAPU32,
    };
    expect(
      treeMemoryOf(heap, python.parser, python.language, python.cursorCalls),
    ).toBeDefined();
    expect(
      treeMemoryOf(
        wrongTypes,
        python.parser,
        python.language,
        python.cursorCalls,
      ),
    ).toBeUndefined();
  });

  it.each([...Object.keys(SOURCES), 'probe'])(
    'copies %s the same from the wasm heap as through the public TreeCursor',
    name => {
      const source = name === 'probe' ? PROBE_SOURCE : SOURCES[name];
      const fieldNames = python.language.fields.filter(
        (field): field is string => !!field,
      );
      const fromHeap = parsePython(python, source);
      const viaPublic = parsePython(
        { ...python, cursorCalls: undefined, treeMemory: undefined },
        source,
      );
      expect(fromHeap.hasError).toBe(viaPublic.hasError);
      expect(rows(fromHeap.rootNode, fieldNames)).toEqual(
        rows(viaPublic.rootNode, fieldNames),
      );
    },
  );

  it('reads ranges in UTF-16 code units after astral characters', () => {
    const source = SOURCES.unicode;
    const tree = parsePython(python, source);
    const strings = tree.nodesOfType('string').map(node => node.text);
    expect(strings).toEqual(['"héllo 🐍 wörld"', '"ünï"']);
    expect(tree.nodesOfType('comment')[0].text).toBe('# 🐍');
  });

  it('keeps facts per node and kind: set, overwritten, undefined, apart from other nodes and trees', () => {
    const first = reserveFactKinds(3);
    const second = first + 1;
    const third = first + 2;
    const source = 'a = f(x)\nb = g(y)\n';
    const tree = parsePython(python, source);
    const other = parsePython(python, source);
    const [a, b] = tree.nodesOfType('identifier');
    expect(a.fact(first)).toBeUndefined();
    a.setFact(first, 'one');
    a.setFact(second, 2);
    // A new handle of the same node reads the same facts.
    expect(tree.nodesOfType('identifier')[0].fact(first)).toBe('one');
    expect(a.fact(second)).toBe(2);
    expect(a.fact(third)).toBeUndefined();
    a.setFact(first, 'uno');
    a.setFact(second, undefined);
    expect(a.fact(first)).toBe('uno');
    expect(a.fact(second)).toBeUndefined();
    b.setFact(first, 'b');
    expect(a.fact(first)).toBe('uno');
    expect(b.fact(first)).toBe('b');
    expect(other.nodesOfType('identifier')[0].fact(first)).toBeUndefined();
  });

  it.each(Object.keys(SOURCES))(
    'lists the nodes of each type of %s in source order, as a scan of the tree finds them',
    name => {
      const tree = parsePython(python, SOURCES[name]);
      // 'lambda' and 'ERROR' are listed here after the tree grouped its first lists.
      for (const type of ['call', 'identifier', 'string', 'lambda', 'ERROR']) {
        const ids = (nodes: PyNode[]) => nodes.map(node => node.id);
        expect(ids(tree.nodesOfType(type))).toEqual(
          ids(tree.rootNode.descendantsOfType(type)),
        );
      }
    },
  );

  it('finds text within a node only, whether the node is the root or inside it', () => {
    const tree = parsePython(python, 'a = f(x)\nb = g(**kw)\n');
    const [first, second] = tree.nodesOfType('call');
    expect(tree.rootNode.textIncludes('**')).toBe(true);
    expect(first.textIncludes('**')).toBe(false);
    expect(second.textIncludes('**')).toBe(true);
    // At the node's last characters, and just past them.
    expect(first.textIncludes('(x)')).toBe(true);
    expect(first.textIncludes('x)\n')).toBe(false);
    expect(first.textIncludes('a much longer text than the call')).toBe(false);
  });
});
