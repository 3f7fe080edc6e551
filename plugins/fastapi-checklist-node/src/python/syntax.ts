import type { Node } from './parser';
import { reserveFactKinds } from './plainTree';

/** Named children, without the nulls web-tree-sitter's typings allow. */
export function kids(node: Node): Node[] {
  return node.namedChildren;
}

export function field(node: Node, name: string): Node | undefined {
  return node.childForFieldName(name) ?? undefined;
}

/** 1-based line of a node. */
export function lineOf(node: Node): number {
  return node.startPosition.row + 1;
}

/** Stands for a memoised `undefined` in a node's facts (no fact means not yet computed). */
const NOTHING = Symbol('nothing');

/**
 * Reserves `count` kinds of per-node facts for a memo that keeps its own key next to its
 * value (PythonProject.resolve); returns the first.
 */
export function reserveFactSlots(count: number): number {
  return reserveFactKinds(count);
}

/** Memo of node-derived facts the checks ask about the same nodes again and again. */
export function memo<T>(compute: (node: Node) => T): (node: Node) => T {
  const kind = reserveFactKinds(1);
  return (node: Node): T => {
    const known = node.fact(kind);
    if (known !== undefined)
      return (known === NOTHING ? undefined : known) as T;
    const value = compute(node);
    node.setFact(kind, value === undefined ? NOTHING : value);
    return value;
  };
}

const dottedNameMemo = memo((node: Node): string | undefined => {
  if (node.type === 'identifier') return node.text;
  if (node.type === 'attribute') {
    const object = dottedName(field(node, 'object'));
    const attribute = field(node, 'attribute');
    return object && attribute ? `${object}.${attribute.text}` : undefined;
  }
  if (node.type === 'type' || node.type === 'parenthesized_expression')
    return dottedName(node.firstNamedChild ?? undefined);
  return undefined;
});

/** `a.b.c` for identifiers and attribute chains; undefined for anything else. */
export function dottedName(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  // Identifiers keep their text themselves; only chains are worth a memo slot.
  const type = node.type;
  if (type === 'identifier') return node.text;
  return type === 'attribute' ||
    type === 'type' ||
    type === 'parenthesized_expression'
    ? dottedNameMemo(node)
    : undefined;
}

const stringValueMemo = memo((node: Node): string | undefined => {
  if (node.type === 'concatenated_string') {
    const parts = kids(node).map(stringValue);
    return parts.every(p => p !== undefined) ? parts.join('') : undefined;
  }
  if (node.type !== 'string') return undefined;
  // A walk over siblings, without lists: every route path and prefix is read here.
  let value = '';
  for (
    let child = node.firstNamedChild;
    child;
    child = child.nextNamedSibling
  ) {
    const type = child.type;
    if (type === 'interpolation') return undefined;
    if (type === 'string_content') value += child.text;
  }
  return value;
});

/** The value of a plain string literal (no f-string interpolation), else undefined. */
export function stringValue(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  const type = node.type;
  return type === 'string' || type === 'concatenated_string'
    ? stringValueMemo(node)
    : undefined;
}

export function integerValue(node: Node | undefined): number | undefined {
  if (!node || node.type !== 'integer') return undefined;
  const value = Number(node.text.replace(/_/g, ''));
  return Number.isFinite(value) ? value : undefined;
}

export type CallParts = {
  callee: Node | undefined;
  positional: Node[];
  keywords: ReadonlyMap<string, Node>;
};

/** Shared by every call without keyword arguments (kept for the whole analysis: one map, not one each). */
const NO_KEYWORDS: ReadonlyMap<string, Node> = new Map();

/** Splits a call into callee, positional arguments and keyword arguments. */
export const callParts = memo((call: Node): CallParts => {
  const args = field(call, 'arguments');
  const positional: Node[] = [];
  let keywords: Map<string, Node> | undefined;
  for (
    let arg = args?.firstNamedChild ?? null;
    arg;
    arg = arg.nextNamedSibling
  ) {
    if (arg.type === 'keyword_argument') {
      const name = field(arg, 'name');
      const value = field(arg, 'value');
      if (name && value) (keywords ??= new Map()).set(name.text, value);
    } else if (arg.type !== 'comment') {
      positional.push(arg);
    }
  }
  return {
    callee: field(call, 'function'),
    positional,
    keywords: keywords ?? NO_KEYWORDS,
  };
});

const SEQUENCES = ['list', 'tuple', 'set'];

/** Elements of a list/tuple/set literal, or undefined when the node is not one. */
export function sequenceItems(node: Node | undefined): Node[] | undefined {
  if (!node) return undefined;
  if (SEQUENCES.includes(node.type))
    return kids(node).filter(k => k.type !== 'comment');
  return undefined;
}

/** Every node of the given types below `node`, depth first. */
export function descendants(node: Node, types: string | string[]): Node[] {
  return node
    .descendantsOfType(types)
    .filter((child): child is Node => child !== null);
}

/** The first line of a node's text, trimmed to a readable snippet. */
export function snippetOf(node: Node): string {
  const line = node.text.split('\n')[0].trim();
  return line.length > 120 ? `${line.slice(0, 117)}...` : line;
}
