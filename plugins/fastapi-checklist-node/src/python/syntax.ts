import type { Node } from './parser';
import { reserveFactKinds } from './plainTree';

/** Named children, without the nulls web-tree-sitter's typings allow. */
export function kids(node: Node): Node[] {
  return node.namedChildren;
}

export function field(node: Node, name: string): Node | undefined {
  return node.childForFieldName(name) ?? undefined;
}

/** A method `name` written in a class's body (plain, static or class method). */
export function methodOfClass(classNode: Node, name: string): Node | undefined {
  const body = field(classNode, 'body');
  for (const statement of body ? kids(body) : []) {
    const definition =
      statement.type === 'decorated_definition'
        ? field(statement, 'definition')
        : statement;
    if (
      definition?.type === 'function_definition' &&
      field(definition, 'name')?.textIs(name)
    )
      return definition;
  }
  return undefined;
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

/** dottedName's memo, kept on every link of a chain. */
const DOTTED_NAME = reserveFactKinds(1);

/**
 * The dotted name of an attribute chain (or a `type` / parenthesised wrapper of one): down
 * to the chain's head or to a link already known, then back up, each link's name kept. A
 * loop rather than a call per link, as a repository's chain can be tens of thousands of
 * links long (deeper than the call stack); and linear when a check asks about every link.
 */
function dottedChain(node: Node): string | undefined {
  const links: Node[] = [];
  let value: string | undefined;
  for (let current: Node | null = node; current; ) {
    const type: string = current.type;
    if (type === 'identifier') {
      value = current.text;
      break;
    }
    if (
      type !== 'attribute' &&
      type !== 'type' &&
      type !== 'parenthesized_expression'
    )
      break;
    const known = current.fact(DOTTED_NAME);
    if (known !== undefined) {
      value = known === NOTHING ? undefined : (known as string);
      break;
    }
    links.push(current);
    current =
      type === 'attribute'
        ? field(current, 'object') ?? null
        : current.firstNamedChild;
  }
  for (let i = links.length - 1; i >= 0; i--) {
    const link = links[i];
    if (value !== undefined && link.type === 'attribute') {
      const attribute = field(link, 'attribute');
      value = attribute ? `${value}.${attribute.text}` : undefined;
    }
    link.setFact(DOTTED_NAME, value === undefined ? NOTHING : value);
  }
  return value;
}

/** `a.b.c` for identifiers and attribute chains; undefined for anything else. */
export function dottedName(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  // Identifiers keep their text themselves; only chains are worth a memo slot.
  const type = node.type;
  if (type === 'identifier') return node.text;
  return type === 'attribute' ||
    type === 'type' ||
    type === 'parenthesized_expression'
    ? dottedChain(node)
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

/** Shared by every call without positional arguments. */
const NO_POSITIONAL: Node[] = [];
/** callParts collects positional arguments here, then keeps an exact copy (kept lists grown by push carry ~16 empty slots each). */
const collected: Node[] = [];

/** Splits a call into callee, positional arguments and keyword arguments. */
export const callParts = (call: Node): CallParts => {
  const args = field(call, 'arguments');
  const positional = collected;
  positional.length = 0;
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
    positional: positional.length ? positional.slice() : NO_POSITIONAL,
    keywords: keywords ?? NO_KEYWORDS,
  };
};

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
