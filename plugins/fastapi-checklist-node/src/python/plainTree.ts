import type { Language, Tree as WasmTree } from 'web-tree-sitter';

/**
 * A syntax node copied out of tree-sitter into plain JavaScript. The analysis asks many
 * small questions (children, fields, text) of every node; answering them from JS objects
 * instead of crossing into wasm each time keeps analysis close to raw parse time.
 * Only named nodes are kept: punctuation and keywords carry nothing the checks need.
 */
export class PyNode {
  readonly children: PyNode[] = [];
  private fields?: Map<string, PyNode[]>;

  constructor(
    readonly id: number,
    readonly type: string,
    readonly startIndex: number,
    readonly endIndex: number,
    readonly parent: PyNode | null,
    private readonly source: SourceText,
  ) {}

  get text(): string {
    return this.source.text.slice(this.startIndex, this.endIndex);
  }

  get namedChildren(): PyNode[] {
    return this.children;
  }

  get startPosition(): { row: number; column: number } {
    return this.source.position(this.startIndex);
  }

  childForFieldName(name: string): PyNode | null {
    return this.fields?.get(name)?.[0] ?? null;
  }

  childrenForFieldName(name: string): PyNode[] {
    return this.fields?.get(name) ?? [];
  }

  /** This node and its descendants of the given types, in source order (as tree-sitter's own). */
  descendantsOfType(types: string | string[]): PyNode[] {
    const wanted = typeof types === 'string' ? [types] : types;
    const found: PyNode[] = [];
    const stack: PyNode[] = [this];
    while (stack.length) {
      const node = stack.pop()!;
      if (wanted.includes(node.type)) found.push(node);
      for (let i = node.children.length - 1; i >= 0; i--)
        stack.push(node.children[i]);
    }
    return found;
  }

  addChild(child: PyNode, field: string | null): void {
    this.children.push(child);
    if (field) {
      this.fields ??= new Map();
      const list = this.fields.get(field);
      if (list) list.push(child);
      else this.fields.set(field, [child]);
    }
  }
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

export type PlainTree = {
  rootNode: PyNode;
  hasError: boolean;
  /** Every named node by type, in source order: indexes for free during the copy. */
  byType: Map<string, PyNode[]>;
};

/** Copies a tree-sitter tree into PyNodes with one cursor walk, then frees the wasm tree. */
export function toPlainTree(
  tree: WasmTree,
  text: string,
  language: Language,
): PlainTree {
  const source = new SourceText(text);
  const cursor = tree.walk();
  let nextId = 0;
  const hasError = tree.rootNode.hasError;
  const byType = new Map<string, PyNode[]>();
  const root = new PyNode(
    nextId++,
    cursor.nodeType,
    cursor.startIndex,
    cursor.endIndex,
    null,
    source,
  );
  const typeNames = new Map<number, { name: string; named: boolean }>();
  const typeOf = (id: number) => {
    let entry = typeNames.get(id);
    if (!entry) {
      entry = {
        name: language.types[id] ?? 'ERROR',
        named: language.nodeTypeIsNamed(id),
      };
      typeNames.set(id, entry);
    }
    return entry;
  };

  const visit = (parent: PyNode) => {
    if (!cursor.gotoFirstChild()) return;
    do {
      const typeId = cursor.nodeTypeId;
      // typeId 65535 is tree-sitter's ERROR node.
      const { name, named } =
        typeId === 65535 ? { name: 'ERROR', named: true } : typeOf(typeId);
      if (named) {
        const node = new PyNode(
          nextId++,
          name,
          cursor.startIndex,
          cursor.endIndex,
          parent,
          source,
        );
        parent.addChild(node, cursor.currentFieldName);
        const sameType = byType.get(name);
        if (sameType) sameType.push(node);
        else byType.set(name, [node]);
        visit(node);
      }
    } while (cursor.gotoNextSibling());
    cursor.gotoParent();
  };
  visit(root);
  cursor.delete();
  tree.delete();
  return { rootNode: root, hasError, byType };
}
