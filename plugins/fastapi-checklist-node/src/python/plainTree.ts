import type { Language, Parser, Tree as WasmTree } from 'web-tree-sitter';
import type { TreeMemory } from './treeMemory';
import {
  CursorExports,
  CursorWalk,
  DirectCursorWalk,
  PublicCursorWalk,
} from './wasmCursor';

/**
 * One node of a NodeTable, with the subset of web-tree-sitter's Node API the checks use.
 * A PyNode is a handle (its table and slot), made anew for each read and not kept: an
 * analysis reads most of a repository's nodes, and kept objects cost every young-generation
 * collection a copy until the analysis ends. So two reads of one node are two objects:
 * compare nodes with `is`, never with `===`, and key maps by module and `startIndex`
 * (NodeMap) or `id`.
 */
export class PyNode {
  constructor(private readonly table: NodeTable, readonly id: number) {}

  /** True when `other` is this node (of the same tree). */
  is(other: PyNode | null | undefined): boolean {
    return !!other && other.id === this.id && other.table === this.table;
  }

  /**
   * A fact derived from this node (syntax.ts `memo`: one kind per memo), kept by the tree
   * (the node itself is not kept); undefined when none was set.
   */
  fact(kind: number): unknown {
    return this.table.fact(this.id, kind);
  }

  setFact(kind: number, value: unknown): void {
    this.table.setFact(this.id, kind, value);
  }

  get type(): string {
    return this.table.names.nameOf(this.table.types[this.id]);
  }

  get startIndex(): number {
    return this.table.starts[this.id];
  }

  get endIndex(): number {
    return this.table.ends[this.id];
  }

  /** True when the node's text is `text`, without slicing it out of the source. */
  textIs(text: string): boolean {
    const start = this.startIndex;
    return (
      this.endIndex - start === text.length &&
      this.table.source.text.startsWith(text, start)
    );
  }

  /**
   * True when the node's text contains `text`. Searched within the node: an indexOf from
   * its start would read on to the end of the file whenever the text is absent, for every
   * node asked (the whole source for a root, which a slice does not copy).
   */
  textIncludes(text: string): boolean {
    const { startIndex: start, endIndex: end } = this;
    if (end - start < text.length) return false;
    const source = this.table.source.text;
    return (
      start === 0 && end === source.length ? source : source.slice(start, end)
    ).includes(text);
  }

  /** True when the node's text starts with `prefix`, without slicing it out of the source. */
  textStartsWith(prefix: string): boolean {
    return (
      this.endIndex - this.startIndex >= prefix.length &&
      this.table.source.text.startsWith(prefix, this.startIndex)
    );
  }

  get parent(): PyNode | null {
    const slot = this.table.parents[this.id];
    return slot < 0 ? null : this.table.node(slot);
  }

  get text(): string {
    return this.table.source.text.slice(this.startIndex, this.endIndex);
  }

  /**
   * A new array each time: a short-lived list costs the GC less than one kept for every
   * node whose children were ever asked for (everything an analysis keeps is copied by
   * the young-generation collector until the analysis ends).
   */
  get children(): PyNode[] {
    const { lasts } = this.table;
    const list: PyNode[] = [];
    for (let slot = this.id + 1; slot <= lasts[this.id]; slot = lasts[slot] + 1)
      list.push(this.table.node(slot));
    return list;
  }

  get namedChildren(): PyNode[] {
    return this.children;
  }

  /** The first (named) child: with nextNamedSibling, a walk over children without a list. */
  get firstNamedChild(): PyNode | null {
    return this.table.lasts[this.id] > this.id
      ? this.table.node(this.id + 1)
      : null;
  }

  get nextNamedSibling(): PyNode | null {
    const { lasts, parents } = this.table;
    const parent = parents[this.id];
    const next = lasts[this.id] + 1;
    return parent >= 0 && next <= lasts[parent] ? this.table.node(next) : null;
  }

  get startPosition(): { row: number; column: number } {
    return this.table.source.position(this.startIndex);
  }

  childForFieldName(name: string): PyNode | null {
    // The checks ask this more than anything else: a loop over slots, no arrays.
    const { fields, lasts, names } = this.table;
    const id = names.fieldId(name);
    if (id === undefined) return null;
    for (let slot = this.id + 1; slot <= lasts[this.id]; slot = lasts[slot] + 1)
      if (fields[slot] === id) return this.table.node(slot);
    return null;
  }

  childrenForFieldName(name: string): PyNode[] {
    const { fields, lasts, names } = this.table;
    const id = names.fieldId(name);
    const found: PyNode[] = [];
    if (id === undefined) return found;
    for (let slot = this.id + 1; slot <= lasts[this.id]; slot = lasts[slot] + 1)
      if (fields[slot] === id) found.push(this.table.node(slot));
    return found;
  }

  /** This node and its descendants of the given types, in source order (as tree-sitter's own). */
  descendantsOfType(types: string | string[]): PyNode[] {
    return this.table.scan(
      this.id,
      this.table.lasts[this.id],
      typeof types === 'string' ? [types] : types,
    );
  }
}

/** The links of a table without facts (one shared empty list). */
const NO_LINKS = new Int32Array(0);

/**
 * A syntax tree copied out of tree-sitter into typed arrays, one slot per named node in
 * source (pre-)order. The analysis asks many small questions (children, fields, text) of
 * every node; answering them from JS instead of crossing into wasm keeps analysis close to
 * raw parse time, and ~20 bytes per node (instead of an object each) keep a repository's
 * trees small enough to hold at once. Only named nodes are kept: punctuation and keywords
 * carry nothing the checks need.
 */
class NodeTable {
  /**
   * Memoised facts, chained per node from `factHeads` (per slot: 1 + its latest fact, or
   * 0): fact n's kind and 1 + the node's previous fact (or 0) are ints 2n and 2n + 1 of
   * `factLinks`, its value is `factValues[n]`. A node has a few of the memo kinds, so this
   * keeps only those, with the links off the JS heap: an analysis keeps its facts until
   * it ends, and every young-generation collection copies what the heap keeps.
   */
  private factHeads?: Uint32Array;
  private factLinks = NO_LINKS;
  private readonly factValues: unknown[] = [];
  /**
   * The slots of every listed type's nodes (TypeNames.listIndex), grouped by list in
   * source order, and where each list starts (one more entry: the end): one pass over
   * the tree for all the types the analysis lists, instead of a pass per type.
   */
  private listed?: Int32Array;
  private listStarts?: Int32Array;
  /** How many lists `listed` holds (a type listed for the first time since regroups it). */
  private listedCount = 0;

  constructor(
    readonly source: SourceText,
    readonly names: TypeNames,
    readonly count: number,
    readonly types: Uint16Array,
    readonly fields: Uint16Array,
    readonly starts: Uint32Array,
    readonly ends: Uint32Array,
    readonly parents: Int32Array,
    /** The last slot of each node's subtree: its descendants are the slots in between. */
    readonly lasts: Int32Array,
  ) {}

  node(slot: number): PyNode {
    return new PyNode(this, slot);
  }

  /** True when `other` holds the same nodes (types, fields, ranges, structure). */
  sameAs(other: NodeTable): boolean {
    if (other.count !== this.count) return false;
    for (let slot = 0; slot < this.count; slot++) {
      if (
        other.types[slot] !== this.types[slot] ||
        other.fields[slot] !== this.fields[slot] ||
        other.starts[slot] !== this.starts[slot] ||
        other.ends[slot] !== this.ends[slot] ||
        other.parents[slot] !== this.parents[slot] ||
        other.lasts[slot] !== this.lasts[slot]
      )
        return false;
    }
    return true;
  }

  fact(slot: number, kind: number): unknown {
    const heads = this.factHeads;
    if (heads === undefined) return undefined;
    const links = this.factLinks;
    for (let entry = heads[slot]; entry !== 0; entry = links[2 * entry - 1])
      if (links[2 * entry - 2] === kind) return this.factValues[entry - 1];
    return undefined;
  }

  setFact(slot: number, kind: number, value: unknown): void {
    let heads = this.factHeads;
    if (heads === undefined) {
      // Zeroed memory, carved like the columns (an ArrayBuffer per tree cost more).
      const [buffer, at] = tableRegion(this.count * 4);
      heads = this.factHeads = new Uint32Array(buffer, at, this.count);
    }
    let links = this.factLinks;
    for (let entry = heads[slot]; entry !== 0; entry = links[2 * entry - 1]) {
      if (links[2 * entry - 2] === kind) {
        this.factValues[entry - 1] = value;
        return;
      }
    }
    const values = this.factValues;
    const entry = values.length;
    if (2 * entry + 2 > links.length) {
      const [buffer, at] = tableRegion(Math.max(64, 2 * links.length) * 4);
      const grown = new Int32Array(buffer, at, Math.max(64, 2 * links.length));
      grown.set(links);
      links = this.factLinks = grown;
    }
    links[2 * entry] = kind;
    links[2 * entry + 1] = heads[slot];
    values.push(value);
    heads[slot] = entry + 1;
  }

  /** Nodes of the given types in [from, to], in source order. */
  scan(from: number, to: number, types: string[]): PyNode[] {
    const ids =
      types.length === 1
        ? this.names.idsOf(types[0])
        : types.flatMap(type => this.names.idsOf(type));
    const found: PyNode[] = [];
    if (ids.length === 1) {
      // The usual case (one symbol per name): a comparison per slot, not a search.
      const [id] = ids;
      for (let slot = from; slot <= to; slot++)
        if (this.types[slot] === id) found.push(this.node(slot));
    } else {
      for (let slot = from; slot <= to; slot++)
        if (ids.includes(this.types[slot])) found.push(this.node(slot));
    }
    return found;
  }

  /**
   * Every node of one type in the tree, in source order: a new list each time, from the
   * slots grouped once (the checks ask a type of a module once or twice, and a kept list
   * of nodes would be copied by every young-generation collection until the analysis ends).
   */
  nodesOfType(type: string): PyNode[] {
    const index = this.names.listIndex(type);
    if (index >= this.listedCount) this.groupListed();
    const listed = this.listed!;
    const end = this.listStarts![index + 1];
    const found: PyNode[] = [];
    for (let at = this.listStarts![index]; at < end; at++)
      found.push(this.node(listed[at]));
    return found;
  }

  /** Fills `listed` and `listStarts` for every type listed so far (a counting sort of the slots). */
  private groupListed(): void {
    const lists = this.names.listCount();
    const listOf = this.names.listOfType;
    const types = this.types;
    const next = listScratch(lists);
    let total = 0;
    for (let slot = 0; slot < this.count; slot++) {
      const list = listOf[types[slot]];
      if (list >= 0) {
        next[list]++;
        total++;
      }
    }
    const [buffer, at] = tableRegion((lists + 1 + total) * 4);
    const starts = new Int32Array(buffer, at, lists + 1);
    const listed = new Int32Array(buffer, at + (lists + 1) * 4, total);
    for (let list = 0; list < lists; list++) {
      starts[list + 1] = starts[list] + next[list];
      next[list] = starts[list];
    }
    for (let slot = 0; slot < this.count; slot++) {
      const list = listOf[types[slot]];
      if (list >= 0) listed[next[list]++] = slot;
    }
    this.listed = listed;
    this.listStarts = starts;
    this.listedCount = lists;
  }
}

/** Per-list counters for groupListed, reused (this thread groups one table at a time). */
let listCounters = new Int32Array(16);

/** `lists` zeroed counters. */
function listScratch(lists: number): Int32Array {
  if (listCounters.length < lists) listCounters = new Int32Array(2 * lists);
  listCounters.fill(0, 0, lists);
  return listCounters;
}

let factKinds = 0;

/** Reserves `count` kinds of per-node facts (syntax.ts `memo`); returns the first. */
export function reserveFactKinds(count: number): number {
  const first = factKinds;
  factKinds += count;
  return first;
}

/** The source with a line index, so positions are computed only when reported. */
class SourceText {
  private lineStarts?: number[];

  constructor(readonly text: string) {}

  position(index: number): { row: number; column: number } {
    if (!this.lineStarts) {
      this.lineStarts = [0];
      for (let i = 0; i < this.text.length; i++)
        if (this.text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    }
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= index) low = mid;
      else high = mid - 1;
    }
    return { row: low, column: index - this.lineStarts[low] };
  }
}

/** tree-sitter's ERROR node type id. */
const ERROR_TYPE = 65535;

/**
 * The internalised copy of `text` (V8 keeps one string per property name, and returns
 * that one as a key).
 */
function internalized(text: string): string {
  return Object.keys({ [text]: 0 })[0] ?? text;
}

/** A language's node type and field names, looked up once per id. */
class TypeNames {
  /** Per type id: 0 not yet looked up, 1 named, 2 anonymous (a table: the walk asks per node). */
  readonly named = new Uint8Array(65536);
  private readonly ids = new Map<string, number[]>();
  private readonly fieldIds = new Map<string, number>();
  /** A small number per type name the analysis lists nodes of (a handful of names). */
  private readonly listIndexes = new Map<string, number>();
  /**
   * The language's type names, internalised: web-tree-sitter decodes them from wasm
   * into ordinary strings, so every `node.type === 'call'` in the checks compared
   * characters; between internalised strings V8 compares pointers.
   */
  private readonly typeNames: string[];

  constructor(private readonly language: Language) {
    language.fields.forEach((name, id) => {
      if (name) this.fieldIds.set(name, id);
    });
    this.typeNames = language.types.map(internalized);
    // Every type the language declares, up front: the tree copy reads the table per node.
    for (let id = 0; id < language.types.length; id++) this.isNamed(id);
    this.isNamed(ERROR_TYPE);
  }

  nameOf(id: number): string {
    return id === ERROR_TYPE ? 'ERROR' : this.typeNames[id] ?? 'ERROR';
  }

  isNamed(id: number): boolean {
    let named = this.named[id];
    if (named === 0) {
      named = id === ERROR_TYPE || this.language.nodeTypeIsNamed(id) ? 1 : 2;
      this.named[id] = named;
    }
    return named === 1;
  }

  /** Every id with this name (a grammar can alias several symbols to one name). */
  idsOf(name: string): number[] {
    let ids = this.ids.get(name);
    if (!ids) {
      ids = name === 'ERROR' ? [ERROR_TYPE] : [];
      this.language.types.forEach((type, id) => {
        if (type === name && this.isNamed(id)) ids!.push(id);
      });
      this.ids.set(name, ids);
    }
    return ids;
  }

  /** Per type id: the listIndex of its name once nodes of that name are listed, else -1. */
  readonly listOfType = new Int16Array(65536).fill(-1);

  listIndex(name: string): number {
    let index = this.listIndexes.get(name);
    if (index === undefined) {
      index = this.listIndexes.size;
      this.listIndexes.set(name, index);
      for (const id of this.idsOf(name)) this.listOfType[id] = index;
    }
    return index;
  }

  /** How many type names have been listed. */
  listCount(): number {
    return this.listIndexes.size;
  }

  fieldId(name: string): number | undefined {
    return this.fieldIds.get(name);
  }
}

const typeNamesByLanguage = new WeakMap<Language, TypeNames>();

export type PlainTree = {
  rootNode: PyNode;
  hasError: boolean;
  /** Every named node of a type, in source order. */
  nodesOfType(type: string): PyNode[];
};

/** A PlainTree over one NodeTable (a class: a closure per tree cost more than the lookup). */
class TableTree implements PlainTree {
  readonly rootNode: PyNode;

  constructor(private readonly table: NodeTable, readonly hasError: boolean) {
    this.rootNode = table.node(0);
  }

  nodesOfType(type: string): PyNode[] {
    return this.table.nodesOfType(type);
  }
}

/**
 * Copies a tree-sitter tree into a NodeTable, then frees the wasm tree. With `memory` (a
 * reader of the wasm heap that parser.ts has checked against the cursor) the copy reads
 * the tree's structs directly; otherwise one cursor walk. Both keep their own stacks: a
 * deeply nested file (a 50,000-term expression) must not overflow the JS call stack, and
 * the native cursor and tree are freed even if the copy throws, so one hostile file
 * cannot leak the shared wasm heap. With the wasm module's cursor exports (`cursorCalls`)
 * the walk calls them directly instead of through web-tree-sitter's TreeCursor.
 */
export function toPlainTree(
  tree: WasmTree,
  text: string,
  language: Language,
  cursorCalls?: CursorExports,
  memory?: TreeMemory,
): PlainTree {
  let walk: CursorWalk | undefined;
  try {
    let names = typeNamesByLanguage.get(language);
    if (!names) {
      names = new TypeNames(language);
      typeNamesByLanguage.set(language, names);
    }
    let count: number;
    let hasError: boolean;
    let columns;
    if (memory) {
      const address = treeAddress(tree);
      const root = memory.rootFacts(address);
      hasError = root.hasError;
      columns = scratchFor(root.descendants);
      const typeNames = names;
      count = memory.copy(address, columns, typeNames.named, id =>
        typeNames.isNamed(id),
      );
    } else {
      const root = tree.rootNode;
      hasError = root.hasError;
      // Named and anonymous nodes: an upper bound on the slots needed.
      columns = scratchFor(root.descendantCount);
      walk = cursorCalls
        ? new DirectCursorWalk(tree, cursorCalls)
        : new PublicCursorWalk(tree);
      count = walkTree(walk, names, columns);
    }
    return new TableTree(tableOf(columns, count, text, names), hasError);
  } finally {
    walk?.delete();
    tree.delete();
  }
}

/** The address of a web-tree-sitter Tree's TSTree in the wasm heap. */
export function treeAddress(tree: WasmTree): number {
  return (tree as unknown as { 0: number })[0];
}

/** Reused between copies (this thread copies one tree at a time); each table gets trimmed copies. */
let scratch = {
  types: new Uint16Array(0),
  fields: new Uint16Array(0),
  starts: new Uint32Array(0),
  ends: new Uint32Array(0),
  parents: new Int32Array(0),
  lasts: new Int32Array(0),
  /** The walk's stack of open named nodes (as deep as the tree, never deeper than its size). */
  open: new Int32Array(0),
};

function scratchFor(capacity: number): typeof scratch {
  if (scratch.types.length < capacity) {
    const size = Math.max(capacity, 2 * scratch.types.length);
    scratch = {
      types: new Uint16Array(size),
      fields: new Uint16Array(size),
      starts: new Uint32Array(size),
      ends: new Uint32Array(size),
      parents: new Int32Array(size),
      lasts: new Int32Array(size),
      open: new Int32Array(size),
    };
  }
  return scratch;
}

/** Fills `columns` by a cursor walk; returns the node count. */
function walkTree(
  cursor: CursorWalk,
  names: TypeNames,
  columns: typeof scratch,
): number {
  const { types, fields, starts, ends, parents, lasts, open } = columns;
  types[0] = cursor.typeId();
  fields[0] = 0;
  starts[0] = cursor.startIndex();
  ends[0] = cursor.endIndex();
  parents[0] = -1;
  let count = 1;
  // open[0..depth): the named ancestors of the cursor, innermost last; each is closed
  // (its `lasts` set) when the walk leaves it.
  open[0] = 0;
  let depth = 1;
  if (cursor.gotoFirstChild()) {
    for (;;) {
      const typeId = cursor.typeId();
      // Only named nodes are copied, and only their subtrees are walked.
      if (names.isNamed(typeId)) {
        const slot = count++;
        types[slot] = typeId;
        fields[slot] = cursor.fieldId();
        starts[slot] = cursor.startIndex();
        ends[slot] = cursor.endIndex();
        parents[slot] = open[depth - 1];
        if (cursor.gotoFirstChild()) {
          open[depth++] = slot;
          continue;
        }
        lasts[slot] = count - 1;
      }
      while (!cursor.gotoNextSibling()) {
        lasts[open[--depth]] = count - 1;
        if (depth === 0) break;
        cursor.gotoParent();
      }
      if (depth === 0) break;
    }
  } else {
    lasts[0] = 0;
  }
  return count;
}

/** A table of the first `count` entries of `columns`. */
function tableOf(
  columns: typeof scratch,
  count: number,
  text: string,
  names: TypeNames,
): NodeTable {
  const { types, fields, starts, ends, parents, lasts } = columns;
  // Trimmed copies (the capacity also counted anonymous nodes), all in one region of a
  // shared buffer. The 4-byte columns come first, so every view is aligned.
  const [buffer, at] = tableRegion(count * 20);
  return new NodeTable(
    new SourceText(text),
    names,
    count,
    column(new Uint16Array(buffer, at + 16 * count, count), types),
    column(new Uint16Array(buffer, at + 18 * count, count), fields),
    column(new Uint32Array(buffer, at, count), starts),
    column(new Uint32Array(buffer, at + 4 * count, count), ends),
    column(new Int32Array(buffer, at + 8 * count, count), parents),
    column(new Int32Array(buffer, at + 12 * count, count), lasts),
  );
}

/**
 * Tables are carved out of shared 256 KiB buffers: creating an ArrayBuffer per tree cost
 * more than filling it (an analysis creates hundreds). A buffer lives while any table in
 * it does; a tree larger than a buffer gets its own.
 */
const REGION_BUFFER_BYTES = 256 * 1024;
let regionBuffer = new ArrayBuffer(0);
let regionUsed = 0;

/** `bytes` (a multiple of 4) of zeroed memory: a buffer and the offset where they start. */
function tableRegion(bytes: number): [ArrayBuffer, number] {
  if (bytes > REGION_BUFFER_BYTES / 4) return [new ArrayBuffer(bytes), 0];
  if (regionUsed + bytes > regionBuffer.byteLength) {
    regionBuffer = new ArrayBuffer(REGION_BUFFER_BYTES);
    regionUsed = 0;
  }
  const at = regionUsed;
  regionUsed += bytes;
  return [regionBuffer, at];
}

/** `view` filled with the first `view.length` entries of `from`. */
function column<T extends Uint16Array | Uint32Array | Int32Array>(
  view: T,
  from: T,
): T {
  view.set(from.subarray(0, view.length));
  return view;
}

/**
 * True when `memory` copies `source` exactly as the direct cursor walk does (every
 * column of every node).
 */
export function copiesAlike(
  parser: Parser,
  language: Language,
  cursorCalls: CursorExports,
  memory: TreeMemory,
  source: string,
): boolean {
  const tree = parser.parse(source);
  if (!tree) return false;
  let walk: CursorWalk | undefined;
  try {
    let names = typeNamesByLanguage.get(language);
    if (!names) {
      names = new TypeNames(language);
      typeNamesByLanguage.set(language, names);
    }
    const typeNames = names;
    // Read before the direct walk: it owns the transfer buffer until it is deleted.
    const { hasError, descendantCount: capacity } = tree.rootNode;
    walk = new DirectCursorWalk(tree, cursorCalls);
    const viaCursor = tableOf(
      scratchFor(capacity),
      walkTree(walk, names, scratchFor(capacity)),
      source,
      names,
    );
    const count = memory.copy(
      treeAddress(tree),
      scratchFor(capacity),
      typeNames.named,
      id => typeNames.isNamed(id),
    );
    const viaMemory = tableOf(scratchFor(capacity), count, source, names);
    const root = memory.rootFacts(treeAddress(tree));
    if (root.hasError !== hasError || root.descendants !== capacity)
      return false;
    return viaCursor.sameAs(viaMemory);
  } finally {
    walk?.delete();
    tree.delete();
  }
}
