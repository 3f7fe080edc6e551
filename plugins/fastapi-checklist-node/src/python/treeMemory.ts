/**
 * Reads a parsed tree straight out of web-tree-sitter's wasm memory: the visible nodes in
 * the order, and with the types, fields and ranges, that its TreeCursor reports (the walk
 * below mirrors tree_cursor.c). The cursor walk costs several calls into wasm per node,
 * each re-deriving the node from the cursor's stack (~15 % of an analysis); this is a loop
 * over the subtree structs. The struct offsets are tree-sitter's (lib/subtree.h, the
 * TSLanguage ABI in parser.h) for a 32-bit wasm build: the parser uses this reader only
 * when it copies a probe source exactly as the cursor does (parser.ts), so a
 * web-tree-sitter whose layout differs falls back to the cursor walk.
 */

/** The columns a copy fills, one entry per named node in source (pre-)order. */
export type NodeColumns = {
  types: Uint16Array;
  fields: Uint16Array;
  starts: Uint32Array;
  ends: Uint32Array;
  parents: Int32Array;
  lasts: Int32Array;
};

/** The parts of the emscripten module the reader needs. */
type WasmHeap = {
  HEAPU8: Uint8Array;
  HEAPU16: Uint16Array;
  HEAPU32: Uint32Array;
};

/** tree-sitter's ts_builtin_sym_error: public as itself, not through the symbol map. */
const ERROR_SYMBOL = 65535;

// SubtreeHeapData (lib/subtree.h), 32-bit wasm.
const HEAP_PADDING_BYTES = 4;
const HEAP_SIZE_BYTES = 16;
const HEAP_CHILD_COUNT = 36;
const HEAP_SYMBOL = 40;
const HEAP_FLAGS = 44;
const HEAP_PRODUCTION_ID = 66;
const HEAP_ERROR_COST = 32;
const HEAP_VISIBLE_DESCENDANTS = 56;
/** is_missing: bit 9 of the heap flags, so bit 1 of their second byte. */
const HEAP_MISSING_HIGH = 2;
/** is_missing in an inline subtree's flags byte. */
const INLINE_MISSING = 32;
// SubtreeInlineData: flags in byte 0 (bit 0 is_inline), symbol byte 1, sizes bytes 6-7.
const INLINE_SYMBOL = 1;
const INLINE_PADDING_BYTES = 6;
const INLINE_SIZE_BYTES = 7;
const VISIBLE_BIT = 2; // after is_inline in an inline subtree; bit 0 in a heap one
const EXTRA_BIT = 8; // bit 3 inline; bit 2 heap
// TSLanguage (ABI 14 and 15 share this prefix).
const LANGUAGE_ABI = 0;
const LANGUAGE_FIELD_COUNT = 32;
const LANGUAGE_MAX_ALIAS_LENGTH = 36;
const LANGUAGE_FIELD_MAP_SLICES = 64;
const LANGUAGE_FIELD_MAP_ENTRIES = 68;
const LANGUAGE_PUBLIC_SYMBOL_MAP = 76;
const LANGUAGE_ALIAS_SEQUENCES = 84;

/**
 * The walk's stack, FRAME ints per subtree whose children are being visited (one array:
 * the loop keeps it in a local). A frame holds the subtree's address, its child count,
 * the next child's index, structural index (extras not counted) and start, the
 * subtree's production id, the slot of the nearest copied ancestor (the parent of what
 * is found), and for a hidden node (walked through, not copied) its own structural index
 * in its parent and whether it is an extra (FRAME_HIDDEN: bit 0 hidden, bit 1 extra,
 * structural index above).
 */
const FRAME = 8;
const FRAME_ADDRESS = 0;
const FRAME_CHILD_COUNT = 1;
const FRAME_CHILD_INDEX = 2;
const FRAME_STRUCTURAL = 3;
const FRAME_POSITION = 4;
const FRAME_PRODUCTION = 5;
const FRAME_SLOT = 6;
const FRAME_HIDDEN = 7;
let stack = new Int32Array(64 * FRAME);

/** The stack with room for a frame at `depth`. */
function stackFor(depth: number): Int32Array {
  if (stack.length < (depth + 1) * FRAME) {
    const grown = new Int32Array(
      2 * Math.max(stack.length, (depth + 1) * FRAME),
    );
    grown.set(stack);
    stack = grown;
  }
  return stack;
}

export class TreeMemory {
  private readonly fieldCount: number;
  private readonly maxAliasLength: number;
  private readonly fieldMapSlices: number;
  private readonly fieldMapEntries: number;
  private readonly publicSymbols: number;
  private readonly aliasSequences: number;

  /** undefined when the language's ABI is not one whose layout this reader knows. */
  static of(heap: WasmHeap, languageAddress: number): TreeMemory | undefined {
    const abi = heap.HEAPU32[(languageAddress + LANGUAGE_ABI) >> 2];
    return abi === 14 || abi === 15
      ? new TreeMemory(heap, languageAddress)
      : undefined;
  }

  private constructor(private readonly heap: WasmHeap, language: number) {
    const u32 = heap.HEAPU32;
    this.fieldCount = u32[(language + LANGUAGE_FIELD_COUNT) >> 2];
    this.maxAliasLength =
      heap.HEAPU16[(language + LANGUAGE_MAX_ALIAS_LENGTH) >> 1];
    this.fieldMapSlices = u32[(language + LANGUAGE_FIELD_MAP_SLICES) >> 2];
    this.fieldMapEntries = u32[(language + LANGUAGE_FIELD_MAP_ENTRIES) >> 2];
    this.publicSymbols = u32[(language + LANGUAGE_PUBLIC_SYMBOL_MAP) >> 2];
    this.aliasSequences = u32[(language + LANGUAGE_ALIAS_SEQUENCES) >> 2];
  }

  /**
   * The root node's hasError and descendantCount (ts_node_has_error: an error cost or a
   * missing node; ts_node_descendant_count: visible descendants and itself), without
   * marshalling the root node out of the wasm module.
   */
  rootFacts(treeAddress: number): { hasError: boolean; descendants: number } {
    const { HEAPU8: u8, HEAPU32: u32 } = this.heap;
    if (u8[treeAddress] & 1)
      return {
        hasError: (u8[treeAddress] & INLINE_MISSING) !== 0,
        descendants: 1,
      };
    const root = u32[treeAddress >> 2];
    const missing = (u8[root + HEAP_FLAGS + 1] & HEAP_MISSING_HIGH) !== 0;
    const children = u32[(root + HEAP_CHILD_COUNT) >> 2];
    return {
      hasError: missing || u32[(root + HEAP_ERROR_COST) >> 2] > 0,
      descendants:
        children === 0 ? 1 : u32[(root + HEAP_VISIBLE_DESCENDANTS) >> 2] + 1,
    };
  }

  /** The field of child `structural` in production `production` (0: none). */
  private fieldAt(
    u8: Uint8Array,
    u16: Uint16Array,
    production: number,
    structural: number,
  ): number {
    if (this.fieldCount === 0 || production === 0) return 0;
    const slice = this.fieldMapSlices + production * 4;
    const index = u16[slice >> 1];
    const length = u16[(slice + 2) >> 1];
    for (
      let entry = this.fieldMapEntries + index * 4, end = entry + length * 4;
      entry < end;
      entry += 4
    ) {
      // TSFieldMapEntry: field_id u16, child_index u8, inherited bool.
      if (u8[entry + 3] === 0 && u8[entry + 2] === structural)
        return u16[entry >> 1];
    }
    return 0;
  }

  /**
   * Copies the named nodes of the tree at `treeAddress` (a TSTree: its root subtree comes
   * first) into `out`; `named` says per public type id whether it is named (1) or not
   * (2), and `isNamed` answers for an id it does not know yet (0). Returns the node count.
   */
  copy(
    treeAddress: number,
    out: NodeColumns,
    named: Uint8Array,
    isNamed: (typeId: number) => boolean,
  ): number {
    // The views are read per copy: they are replaced when the wasm memory grows.
    const { HEAPU8: u8, HEAPU16: u16, HEAPU32: u32 } = this.heap;
    const { types, fields, starts, ends, parents, lasts } = out;
    const publicSymbols = this.publicSymbols;
    const aliasSequences = this.aliasSequences;
    const maxAliasLength = this.maxAliasLength;

    // The root (always a heap subtree holding the module): starts after its padding.
    const root = u32[treeAddress >> 2];
    if (u8[treeAddress] & 1) {
      // An inline root (a tree of one token) has no children to walk.
      const padding = u8[treeAddress + INLINE_PADDING_BYTES];
      types[0] = u16[(publicSymbols >> 1) + u8[treeAddress + INLINE_SYMBOL]];
      fields[0] = 0;
      starts[0] = padding >> 1;
      ends[0] = (padding + u8[treeAddress + INLINE_SIZE_BYTES]) >> 1;
      parents[0] = -1;
      lasts[0] = 0;
      return 1;
    }
    const rootSymbol = u16[(root + HEAP_SYMBOL) >> 1];
    const rootPadding = u32[(root + HEAP_PADDING_BYTES) >> 2];
    types[0] =
      rootSymbol === ERROR_SYMBOL
        ? rootSymbol
        : u16[(publicSymbols >> 1) + rootSymbol];
    fields[0] = 0;
    starts[0] = rootPadding >> 1;
    ends[0] = (rootPadding + u32[(root + HEAP_SIZE_BYTES) >> 2]) >> 1;
    parents[0] = -1;
    let count = 1;

    let st = stackFor(1);
    let top = 0; // the current frame's offset in `st`
    st[FRAME_ADDRESS] = root;
    st[FRAME_CHILD_COUNT] = u32[(root + HEAP_CHILD_COUNT) >> 2];
    st[FRAME_CHILD_INDEX] = 0;
    st[FRAME_STRUCTURAL] = 0;
    st[FRAME_POSITION] = rootPadding;
    st[FRAME_PRODUCTION] = u16[(root + HEAP_PRODUCTION_ID) >> 1];
    st[FRAME_SLOT] = 0;
    st[FRAME_HIDDEN] = 0;

    while (top >= 0) {
      const i = st[top + FRAME_CHILD_INDEX];
      const childCount = st[top + FRAME_CHILD_COUNT];
      if (i === childCount) {
        if (st[top + FRAME_HIDDEN] === 0)
          lasts[st[top + FRAME_SLOT]] = count - 1;
        top -= FRAME;
        continue;
      }
      // Children are stored just before their parent's heap data, 8 bytes each.
      const child = st[top + FRAME_ADDRESS] - (childCount - i) * 8;
      const inline = (u8[child] & 1) === 1;
      const pointer = inline ? 0 : u32[child >> 2];
      let flags: number;
      let size: number;
      let symbol: number;
      let grandchildren: number;
      if (inline) {
        flags = u8[child];
        size = u8[child + INLINE_SIZE_BYTES];
        symbol = u8[child + INLINE_SYMBOL];
        grandchildren = 0;
      } else {
        // Heap flags moved up one bit to line up with the inline ones (bit 0 is is_inline).
        flags = u8[pointer + HEAP_FLAGS] << 1;
        size = u32[(pointer + HEAP_SIZE_BYTES) >> 2];
        symbol = u16[(pointer + HEAP_SYMBOL) >> 1];
        grandchildren = u32[(pointer + HEAP_CHILD_COUNT) >> 2];
      }
      const position = st[top + FRAME_POSITION];
      const structural = st[top + FRAME_STRUCTURAL];
      const production = st[top + FRAME_PRODUCTION];
      const extra = (flags & EXTRA_BIT) !== 0;
      const alias =
        extra || production === 0
          ? 0
          : u16[
              (aliasSequences >> 1) + production * maxAliasLength + structural
            ];
      // Advance this frame past the child before anything is pushed above it.
      st[top + FRAME_CHILD_INDEX] = i + 1;
      if (!extra) st[top + FRAME_STRUCTURAL] = structural + 1;
      if (i + 1 < childCount) {
        const next = child + 8;
        st[top + FRAME_POSITION] =
          position +
          size +
          (u8[next] & 1
            ? u8[next + INLINE_PADDING_BYTES]
            : u32[(u32[next >> 2] + HEAP_PADDING_BYTES) >> 2]);
      }

      const parentSlot = st[top + FRAME_SLOT];
      let hidden = 0;
      let slot = parentSlot;
      if ((flags & VISIBLE_BIT) !== 0 || alias !== 0) {
        const shown = alias !== 0 ? alias : symbol;
        const typeId =
          shown === ERROR_SYMBOL ? shown : u16[(publicSymbols >> 1) + shown];
        // Only named nodes are copied, and only their subtrees are walked. A table read
        // per visible node, not a call (most ids are known before the first copy).
        const known = named[typeId];
        if (known === 0 ? !isNamed(typeId) : known !== 1) continue;
        slot = count++;
        types[slot] = typeId;
        starts[slot] = position >>> 1;
        ends[slot] = (position + size) >>> 1;
        parents[slot] = parentSlot;
        fields[slot] = extra ? 0 : this.fieldOf(u8, u16, st, top, structural);
        if (grandchildren === 0) {
          lasts[slot] = slot;
          continue;
        }
      } else {
        if (grandchildren === 0) continue;
        // A hidden node: its children belong to the nearest copied ancestor.
        hidden = (structural << 2) | (extra ? 2 : 0) | 1;
      }
      top += FRAME;
      if (top + FRAME > st.length) st = stackFor(top / FRAME);
      st[top + FRAME_ADDRESS] = pointer;
      st[top + FRAME_CHILD_COUNT] = grandchildren;
      st[top + FRAME_CHILD_INDEX] = 0;
      st[top + FRAME_STRUCTURAL] = 0;
      st[top + FRAME_POSITION] = position;
      st[top + FRAME_PRODUCTION] = u16[(pointer + HEAP_PRODUCTION_ID) >> 1];
      st[top + FRAME_SLOT] = slot;
      st[top + FRAME_HIDDEN] = hidden;
    }
    return count;
  }

  /**
   * A visible child's field (ts_tree_cursor_current_field_id): named by its parent's
   * production, else by the productions of the hidden nodes it sits in, up to the nearest
   * visible ancestor or an extra.
   */
  private fieldOf(
    u8: Uint8Array,
    u16: Uint16Array,
    st: Int32Array,
    top: number,
    structural: number,
  ): number {
    let field = this.fieldAt(u8, u16, st[top + FRAME_PRODUCTION], structural);
    for (let at = top; field === 0 && at > 0; at -= FRAME) {
      const hidden = st[at + FRAME_HIDDEN];
      // Up through hidden nodes only, and not past an extra.
      if ((hidden & 1) === 0 || (hidden & 2) !== 0) break;
      field = this.fieldAt(
        u8,
        u16,
        st[at - FRAME + FRAME_PRODUCTION],
        hidden >> 2,
      );
    }
    return field;
  }
}
