import type { TreeCursor, Tree as WasmTree } from 'web-tree-sitter';

/**
 * The moves and reads a tree copy makes, one node at a time. Two implementations: web-tree-sitter's
 * public TreeCursor, and direct calls into its wasm module (below).
 */
export type CursorWalk = {
  typeId(): number;
  fieldId(): number;
  startIndex(): number;
  endIndex(): number;
  gotoFirstChild(): boolean;
  gotoNextSibling(): boolean;
  gotoParent(): boolean;
  /** Frees the native cursor. */
  delete(): void;
};

/**
 * The cursor functions web-tree-sitter's wasm module exports. Each takes the tree's address
 * and reads (and, for moves, writes back) the cursor's state in the module's transfer
 * buffer; none of these write anything else there.
 */
export type CursorExports = {
  _ts_tree_cursor_current_node_type_id_wasm(tree: number): number;
  _ts_tree_cursor_current_field_id_wasm(tree: number): number;
  _ts_tree_cursor_start_index_wasm(tree: number): number;
  _ts_tree_cursor_end_index_wasm(tree: number): number;
  _ts_tree_cursor_goto_first_child_wasm(tree: number): number;
  _ts_tree_cursor_goto_next_sibling_wasm(tree: number): number;
  _ts_tree_cursor_goto_parent_wasm(tree: number): number;
  _ts_tree_cursor_delete_wasm(tree: number): void;
};

const EXPORT_NAMES: (keyof CursorExports)[] = [
  '_ts_tree_cursor_current_node_type_id_wasm',
  '_ts_tree_cursor_current_field_id_wasm',
  '_ts_tree_cursor_start_index_wasm',
  '_ts_tree_cursor_end_index_wasm',
  '_ts_tree_cursor_goto_first_child_wasm',
  '_ts_tree_cursor_goto_next_sibling_wasm',
  '_ts_tree_cursor_goto_parent_wasm',
  '_ts_tree_cursor_delete_wasm',
];

/**
 * The cursor exports of the wasm module that `Parser.init(moduleOptions)` created, or
 * undefined. Emscripten builds the module on the options object it is given, so these are
 * there only when that call was the one that initialised web-tree-sitter in this thread.
 * They are copied into an object of their own: the module object holds hundreds of
 * exports, so each lookup on it is a dictionary search, and the copy makes ~600,000 calls
 * per analysis of a 500-router service.
 */
export function cursorExportsOf(
  moduleOptions: object,
): CursorExports | undefined {
  const candidate = moduleOptions as Partial<
    Record<keyof CursorExports, unknown>
  >;
  return EXPORT_NAMES.every(name => typeof candidate[name] === 'function')
    ? (Object.fromEntries(
        EXPORT_NAMES.map(name => [name, candidate[name]]),
      ) as CursorExports)
    : undefined;
}

/**
 * A walk over a tree through web-tree-sitter's public TreeCursor: every read and move copies
 * the cursor into the wasm transfer buffer and back (about half the copy time).
 */
export class PublicCursorWalk implements CursorWalk {
  private readonly cursor: TreeCursor;

  constructor(tree: WasmTree) {
    this.cursor = tree.walk();
  }

  typeId(): number {
    return this.cursor.nodeTypeId;
  }

  fieldId(): number {
    return this.cursor.currentFieldId;
  }

  startIndex(): number {
    return this.cursor.startIndex;
  }

  endIndex(): number {
    return this.cursor.endIndex;
  }

  gotoFirstChild(): boolean {
    return this.cursor.gotoFirstChild();
  }

  gotoNextSibling(): boolean {
    return this.cursor.gotoNextSibling();
  }

  gotoParent(): boolean {
    return this.cursor.gotoParent();
  }

  delete(): void {
    this.cursor.delete();
  }
}

/**
 * A walk that leaves the cursor's state in the transfer buffer, where `tree.walk()` put it,
 * and calls the module's cursor functions directly: no copy in and out per call. Nothing
 * else may use the transfer buffer until `delete()`, which frees the cursor from that state
 * (the TreeCursor object tree.walk() returned is stale by then, and is dropped).
 */
export class DirectCursorWalk implements CursorWalk {
  private readonly address: number;

  constructor(tree: WasmTree, private readonly calls: CursorExports) {
    tree.walk();
    this.address = (tree as unknown as { 0: number })[0];
  }

  typeId(): number {
    return this.calls._ts_tree_cursor_current_node_type_id_wasm(this.address);
  }

  fieldId(): number {
    return this.calls._ts_tree_cursor_current_field_id_wasm(this.address);
  }

  startIndex(): number {
    return this.calls._ts_tree_cursor_start_index_wasm(this.address);
  }

  endIndex(): number {
    return this.calls._ts_tree_cursor_end_index_wasm(this.address);
  }

  gotoFirstChild(): boolean {
    return this.calls._ts_tree_cursor_goto_first_child_wasm(this.address) === 1;
  }

  gotoNextSibling(): boolean {
    return (
      this.calls._ts_tree_cursor_goto_next_sibling_wasm(this.address) === 1
    );
  }

  gotoParent(): boolean {
    return this.calls._ts_tree_cursor_goto_parent_wasm(this.address) === 1;
  }

  delete(): void {
    this.calls._ts_tree_cursor_delete_wasm(this.address);
  }
}
