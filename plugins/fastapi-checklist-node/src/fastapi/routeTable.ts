import type { Node } from '../python/parser';
import type { PythonProject, Scope } from '../python/project';
import {
  callParts,
  field,
  integerValue,
  kids,
  sequenceItems,
  stringValue,
} from '../python/syntax';

/**
 * A literal route table longer than this is not expanded: its routes stay unknown, as
 * any table that is not a literal does.
 */
export const MAX_ROUTE_TABLE_ROWS = 500;

/** The arguments of one `add_api_route` call for one row of its table. */
export type RowArguments = {
  positional: Node[];
  keywords: ReadonlyMap<string, Node>;
};

/** The `key: value` pairs of a dict literal with string keys. */
export function dictEntries(
  node: Node | undefined,
): Map<string, Node> | undefined {
  if (node?.type !== 'dictionary') return undefined;
  const entries = new Map<string, Node>();
  for (const pair of kids(node)) {
    if (pair.type === 'comment') continue;
    const key = stringValue(field(pair, 'key'));
    const value = field(pair, 'value');
    if (pair.type !== 'pair' || key === undefined || !value) return undefined;
    entries.set(key, value);
  }
  return entries;
}

/** The names a `for` target binds: `route` or `path, endpoint, methods`. */
function targetNames(target: Node): string[] | undefined {
  if (target.type === 'identifier') return [target.text];
  if (target.type !== 'pattern_list' && target.type !== 'tuple_pattern')
    return undefined;
  const names = kids(target).filter(k => k.type !== 'comment');
  return names.every(n => n.type === 'identifier')
    ? names.map(n => n.text)
    : undefined;
}

/** The nearest `for` statement around `node` (in the same function) whose target binds `names`. */
function enclosingLoop(node: Node, names: Set<string>) {
  for (let up = node.parent; up; up = up.parent) {
    if (up.type === 'function_definition' || up.type === 'class_definition')
      return undefined;
    if (up.type !== 'for_statement') continue;
    const target = field(up, 'left');
    const bound = target && targetNames(target);
    if (bound?.some(name => names.has(name))) return { loop: up, bound };
  }
  return undefined;
}

/** The rows of a literal table: the list/tuple itself, or a name bound to one in the same module. */
export function tableRows(
  project: PythonProject,
  scope: Scope,
  table: Node | undefined,
): Node[] | undefined {
  const literal = sequenceItems(table);
  if (literal) return literal;
  if (table?.type !== 'identifier') return undefined;
  const symbol = project.resolve(scope, table);
  if (symbol?.kind !== 'value' || symbol.scope.module !== scope.module)
    return undefined;
  return sequenceItems(symbol.node);
}

/**
 * The rows of a table of routers a loop mounts, each with the scope to read it in: the
 * list itself, or a name bound to one, in this module or imported from another
 * (`from app.routers.table import routers`), whose rows are read where they are written.
 */
export function scopedTableRows(
  project: PythonProject,
  scope: Scope,
  table: Node | undefined,
): { scope: Scope; node: Node }[] | undefined {
  const literal = sequenceItems(table);
  if (literal) return literal.map(node => ({ scope, node }));
  if (table?.type !== 'identifier') return undefined;
  const symbol = project.resolve(scope, table);
  if (symbol?.kind !== 'value') return undefined;
  return sequenceItems(symbol.node)?.map(node => ({
    scope: symbol.scope,
    node,
  }));
}

/** A loop variable's value in one row: the row itself or its element at the variable's place. */
function bindRow(row: Node, bound: string[]): Map<string, Node> | undefined {
  if (bound.length === 1) return new Map([[bound[0], row]]);
  const items = sequenceItems(row);
  if (!items || items.length !== bound.length) return undefined;
  return new Map(bound.map((name, index) => [name, items[index]]));
}

/** An argument with the row's values put in: `path`, `route["path"]`, `route[0]`. */
function substitute(
  argument: Node,
  values: Map<string, Node>,
): Node | undefined {
  if (argument.type === 'identifier')
    return values.has(argument.text) ? values.get(argument.text) : argument;
  if (argument.type !== 'subscript') return argument;
  const object = field(argument, 'value');
  const row = object?.type === 'identifier' && values.get(object.text);
  if (!row) return argument;
  const key = field(argument, 'subscript');
  const name = stringValue(key);
  if (name !== undefined) return dictEntries(row)?.get(name);
  const index = integerValue(key);
  return index === undefined ? undefined : sequenceItems(row)?.[index];
}

/**
 * The arguments of an `add_api_route` call inside a loop over a literal route table
 * (`for path, endpoint, methods in ROUTES: router.add_api_route(path, endpoint,
 * methods=methods)`, or rows of dicts read as `route["path"]` or passed as `**route`),
 * one set per row; undefined when the call takes nothing from such a loop.
 */
export function routeTableArguments(
  project: PythonProject,
  scope: Scope,
  call: Node,
): RowArguments[] | undefined {
  const args = field(call, 'arguments');
  if (!args) return undefined;
  const names = new Set<string>();
  let splat: string | undefined;
  for (const arg of kids(args)) {
    const value = arg.type === 'keyword_argument' ? field(arg, 'value') : arg;
    const root = value?.type === 'subscript' ? field(value, 'value') : value;
    if (arg.type === 'dictionary_splat') {
      const inner = kids(arg)[0];
      if (inner?.type === 'identifier') names.add((splat = inner.text));
    } else if (root?.type === 'identifier') names.add(root.text);
  }
  const found = names.size ? enclosingLoop(call, names) : undefined;
  if (!found) return undefined;
  const rows = tableRows(project, scope, field(found.loop, 'right'));
  if (!rows || rows.length > MAX_ROUTE_TABLE_ROWS) return undefined;
  const parts = callParts(call);
  return rows.flatMap(row => {
    const values = bindRow(row, found.bound);
    if (!values) return [];
    const positional = parts.positional
      .filter(arg => arg.type !== 'dictionary_splat')
      .map(arg => substitute(arg, values));
    const keywords = new Map<string, Node>();
    const spread = splat !== undefined ? values.get(splat) : undefined;
    if (splat !== undefined) {
      const entries = spread && dictEntries(spread);
      if (!entries) return [];
      for (const [key, value] of entries) keywords.set(key, value);
    }
    for (const [key, value] of parts.keywords) {
      const bound = substitute(value, values);
      if (bound) keywords.set(key, bound);
    }
    if (positional.some(arg => !arg)) return [];
    return [{ positional: positional as Node[], keywords }];
  });
}
