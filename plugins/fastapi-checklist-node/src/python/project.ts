import type { Node, Tree } from './parser';
import { dottedName, field, kids, reserveFactSlots } from './syntax';

/** Names bound in one Python scope (a module or a function body). */
export type Scope = {
  module: PythonModule;
  /** name → right-hand side of its (last) assignment. */
  assignments: ReadonlyMap<string, Node>;
  /** name → function_definition / class_definition node. */
  definitions: ReadonlyMap<string, Node>;
  parent?: Scope;
  /**
   * What dotted names resolve to from here (null: to nothing), filled by
   * PythonProject.resolve: a scope belongs to one project, so its cache can live on it.
   */
  resolved?: Map<string, PySymbol | null>;
};

/**
 * The bindings of a scope that binds nothing (most function bodies): shared, so an
 * analysis keeps one empty map instead of two per function. Only `bind` adds names.
 */
const NO_BINDINGS: ReadonlyMap<string, Node> = new Map();

function bind(
  scope: Scope,
  kind: 'assignments' | 'definitions',
  name: string,
  node: Node,
): void {
  const bindings =
    scope[kind] === NO_BINDINGS
      ? new Map<string, Node>()
      : (scope[kind] as Map<string, Node>);
  bindings.set(name, node);
  scope[kind] = bindings;
}

/**
 * A function body's range and the scope collectScope gave it (none for a method: class
 * bodies bind no scope of their own); `outer` is the index of the body enclosing it, or -1.
 */
type FunctionBody = {
  start: number;
  end: number;
  scope: Scope | undefined;
  outer: number;
};

/** The scope of a function's body, kept on its function_definition node by collectScope. */
const FUNCTION_SCOPE = reserveFactSlots(1);

/** The scope collectScope gave a function's body, if any. */
export function functionScopeOf(func: Node): Scope | undefined {
  return func.fact(FUNCTION_SCOPE) as Scope | undefined;
}

/** Bodies in source order, each linked to its enclosing body (ranges nest or are disjoint). */
function functionBodies(module: PythonModule): FunctionBody[] {
  const bodies: FunctionBody[] = [];
  const open: number[] = [];
  for (const func of nodesOf(module, 'function_definition')) {
    const body = func.childForFieldName('body');
    if (!body) continue;
    while (open.length && bodies[open[open.length - 1]].end < body.endIndex)
      open.pop();
    bodies.push({
      start: body.startIndex,
      end: body.endIndex,
      scope: functionScopeOf(func),
      outer: open.length ? open[open.length - 1] : -1,
    });
    open.push(bodies.length - 1);
  }
  return bodies;
}

export type PythonModule = {
  /** Path relative to the repository root. */
  path: string;
  /** Dotted module name relative to its service root, e.g. app.routers.items. */
  name: string;
  isPackage: boolean;
  tree: Tree;
  /** local name → qualified name it was imported as (module or module.attribute). */
  imports: Map<string, string>;
  scope: Scope;
  /** Function bodies by start, each with its enclosing body, for scope lookups. */
  bodies?: FunctionBody[];
};

/** The node types dottedName reads a name from: the only ones resolve can answer for. */
const RESOLVABLE = new Set([
  'identifier',
  'attribute',
  'type',
  'parenthesized_expression',
]);

/** PythonProject.resolve's per-node memo: the scope last asked from, and its answer. */
const RESOLVED_SCOPE = reserveFactSlots(2);
const RESOLVED_SYMBOL = RESOLVED_SCOPE + 1;

/** Every node of a type in the module, in source order. */
export function nodesOf(module: PythonModule, type: string): Node[] {
  return module.tree.nodesOfType(type);
}

export type PySymbol =
  | { kind: 'definition'; node: Node; scope: Scope; name: string }
  | { kind: 'value'; node: Node; scope: Scope; name: string }
  | { kind: 'module'; module: PythonModule }
  | { kind: 'external'; qualified: string };

/** Statements whose blocks bind names in the enclosing scope (if TYPE_CHECKING:, try: …). */
const COMPOUND = new Set([
  'if_statement',
  'try_statement',
  'with_statement',
  'for_statement',
  'while_statement',
]);
const CLAUSES = new Set([
  'else_clause',
  'elif_clause',
  'except_clause',
  'finally_clause',
]);

function blocksOf(statement: Node): Node[] {
  return kids(statement).flatMap(child => {
    if (child.type === 'block') return [child];
    if (CLAUSES.has(child.type))
      return kids(child).filter(grandchild => grandchild.type === 'block');
    return [];
  });
}

function resolveRelative(
  module: { name: string; isPackage: boolean },
  prefixDots: number,
  rest: string,
): string {
  const parts = module.name.split('.');
  const packageParts = module.isPackage ? parts : parts.slice(0, -1);
  const base = packageParts.slice(0, packageParts.length - (prefixDots - 1));
  return [...base, ...(rest ? [rest] : [])].join('.');
}

function collectImports(module: PythonModule): void {
  // `import` statements first, then `from … import`: a name both bind keeps the latter.
  for (const statement of nodesOf(module, 'import_statement')) {
    for (const item of kids(statement)) {
      if (item.type === 'dotted_name') {
        // `import a.b` binds `a`.
        const first = item.text.split('.')[0];
        module.imports.set(first, first);
      } else if (item.type === 'aliased_import') {
        const name = field(item, 'name')?.text;
        const alias = field(item, 'alias')?.text;
        if (name && alias) module.imports.set(alias, name);
      }
    }
  }
  for (const statement of nodesOf(module, 'import_from_statement')) {
    const moduleNode = field(statement, 'module_name');
    if (!moduleNode) continue;
    let from = moduleNode.text;
    if (moduleNode.type === 'relative_import') {
      const dots = moduleNode.text.match(/^\.+/)?.[0].length ?? 1;
      from = resolveRelative(module, dots, moduleNode.text.slice(dots));
    }
    for (const item of statement.childrenForFieldName('name')) {
      if (!item) continue;
      if (item.type === 'dotted_name') {
        module.imports.set(item.text, `${from}.${item.text}`);
      } else if (item.type === 'aliased_import') {
        const name = field(item, 'name')?.text;
        const alias = field(item, 'alias')?.text;
        if (name && alias) module.imports.set(alias, `${from}.${name}`);
      }
    }
  }
}

function collectScope(module: PythonModule, block: Node, scope: Scope): void {
  // Every statement of every module: walked as siblings, without a list of them.
  for (
    let statement = block.firstNamedChild;
    statement;
    statement = statement.nextNamedSibling
  ) {
    if (COMPOUND.has(statement.type)) {
      for (const inner of blocksOf(statement))
        collectScope(module, inner, scope);
      continue;
    }
    let definition: Node | undefined = statement;
    if (statement.type === 'decorated_definition')
      definition = field(statement, 'definition');
    if (
      definition?.type === 'function_definition' ||
      definition?.type === 'class_definition'
    ) {
      const name = field(definition, 'name')?.text;
      if (name) bind(scope, 'definitions', name, definition);
      if (definition.type === 'function_definition') {
        const body = field(definition, 'body');
        const inner: Scope = {
          module,
          assignments: NO_BINDINGS,
          definitions: NO_BINDINGS,
          parent: scope,
        };
        definition.setFact(FUNCTION_SCOPE, inner);
        if (body) collectScope(module, body, inner);
      }
      continue;
    }
    if (statement.type === 'expression_statement') {
      for (
        let expression = statement.firstNamedChild;
        expression;
        expression = expression.nextNamedSibling
      ) {
        if (expression.type !== 'assignment') continue;
        const left = field(expression, 'left');
        const right = field(expression, 'right');
        if (left?.type === 'identifier' && right)
          bind(scope, 'assignments', left.text, right);
      }
    }
  }
}

/**
 * Every word PythonProject.mentions was asked in this thread. The checks ask the same
 * few names of every repository, so a project looks for all of them in one pass over
 * its text (one search per word cost more than the walks it saved).
 */
const askedWords = new Set<string>();
let askedPattern: RegExp | undefined;

/**
 * The innermost scope from `scope` outwards that binds `name`, else the module's: what
 * resolveName finds for `name` depends only on that scope (imports are the module's).
 */
function bindingScope(scope: Scope, name: string): Scope {
  let current = scope;
  while (
    current.parent &&
    !current.definitions.has(name) &&
    !current.assignments.has(name)
  )
    current = current.parent;
  return current;
}

/** The identifier an attribute chain starts from (`a` of `a.b.c`), if it is one. */
function chainHead(attribute: Node): Node | undefined {
  let current: Node | undefined = attribute;
  while (current?.type === 'attribute')
    current = current.childForFieldName('object') ?? undefined;
  return current?.type === 'identifier' ? current : undefined;
}

/** True when `name` is bound by a definition or an assignment in `scope` or a scope around it. */
function bindsLocally(scope: Scope, name: Node | undefined): boolean {
  if (!name) return false;
  const text = name.text;
  const binder = bindingScope(scope, text);
  return binder.definitions.has(text) || binder.assignments.has(text);
}

/** The analysed Python modules of one service, with cross-module name resolution. */
export class PythonProject {
  readonly modules = new Map<string, PythonModule>();

  addModule(
    path: string,
    name: string,
    isPackage: boolean,
    tree: Tree,
  ): PythonModule {
    const module: PythonModule = {
      path,
      name,
      isPackage,
      tree,
      imports: new Map(),
      scope: undefined as unknown as Scope,
    };
    module.scope = {
      module,
      assignments: NO_BINDINGS,
      definitions: NO_BINDINGS,
    };
    collectImports(module);
    collectScope(module, tree.rootNode, module.scope);
    if (!this.modules.has(name)) this.modules.set(name, module);
    this.allModules.push(module);
    this.found = undefined;
    return module;
  }

  /** The asked words (`askedWords`) found in this project's modules, and which were searched for. */
  private found?: { words: Set<string>; searched: number };

  /**
   * True when some module's source spells the name `word` (a whole identifier). A name
   * resolves to a library's `word` only through source that spells it (an import, an
   * attribute, a call), so a search for uses of a name that no module spells has nothing
   * to find: a check skips its walk over every call then.
   */
  mentions(word: string): boolean {
    if (!askedWords.has(word)) {
      if (!/^\w+$/.test(word))
        throw new Error(`mentions() takes a name, not ${JSON.stringify(word)}`);
      askedWords.add(word);
      askedPattern = undefined;
    }
    if (this.found?.searched !== askedWords.size) this.found = this.search();
    return this.found.words.has(word);
  }

  /** Every asked word the modules spell, in one pass over their text. */
  private search(): { words: Set<string>; searched: number } {
    const pattern = (askedPattern ??= new RegExp(
      `\\b(?:${[...askedWords].join('|')})\\b`,
      'g',
    ));
    const words = new Set<string>();
    for (const module of this.allModules) {
      const text = module.tree.rootNode.text;
      pattern.lastIndex = 0;
      for (let match = pattern.exec(text); match; match = pattern.exec(text))
        words.add(match[0]);
    }
    return { words, searched: askedWords.size };
  }

  /** True when some module's source spells one of the names `words`. */
  mentionsAny(words: string[]): boolean {
    return words.some(word => this.mentions(word));
  }

  /** Every module, including ones whose dotted name another file already took. */
  modulesList(): PythonModule[] {
    return this.allModules;
  }

  private readonly allModules: PythonModule[] = [];

  /** The scope a node is evaluated in: its innermost enclosing function, else its module. */
  scopeAt(module: PythonModule, node: Node): Scope {
    // Containment by byte range: the last body starting at or before the node, then out
    // through its enclosing bodies (a binary search, not a scan: modules can hold
    // thousands of functions).
    module.bodies ??= functionBodies(module);
    const bodies = module.bodies;
    let low = 0;
    let high = bodies.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (bodies[mid].start <= node.startIndex) low = mid + 1;
      else high = mid;
    }
    let index = low - 1;
    while (index >= 0 && node.endIndex > bodies[index].end)
      index = bodies[index].outer;
    return (index >= 0 && bodies[index].scope) || module.scope;
  }

  /**
   * The module named by the longest dotted prefix of `qualified` (`a.b.c`, then `a.b`,
   * then `a`; the root package is ''), and where that prefix ends.
   */
  longestModulePrefix(
    qualified: string,
  ): { module: PythonModule; end: number } | undefined {
    for (let end = qualified.length; end >= 0; ) {
      const module = this.modules.get(
        end === qualified.length ? qualified : qualified.slice(0, end),
      );
      if (module) return { module, end };
      if (end === 0) break;
      end = qualified.lastIndexOf('.', end - 1);
    }
    return undefined;
  }

  resolveQualified(qualified: string, depth = 0): PySymbol | undefined {
    if (depth > 20) return undefined;
    const found = this.longestModulePrefix(qualified);
    if (!found) return { kind: 'external', qualified };
    if (found.end === qualified.length)
      return { kind: 'module', module: found.module };
    return this.resolveMember(
      found.module,
      qualified.slice(found.end + 1).split('.'),
      depth + 1,
    );
  }

  private resolveMember(
    module: PythonModule,
    parts: string[],
    depth: number,
  ): PySymbol | undefined {
    const first = this.resolveName(module.scope, parts[0], depth);
    if (parts.length === 1 || !first) return first;
    if (first.kind === 'module')
      return this.resolveMember(first.module, parts.slice(1), depth + 1);
    if (first.kind === 'external')
      return {
        kind: 'external',
        qualified: [first.qualified, ...parts.slice(1)].join('.'),
      };
    return undefined;
  }

  resolveName(scope: Scope, name: string, depth = 0): PySymbol | undefined {
    for (
      let current: Scope | undefined = scope;
      current;
      current = current.parent
    ) {
      const definition = current.definitions.get(name);
      if (definition)
        return { kind: 'definition', node: definition, scope: current, name };
      const value = current.assignments.get(name);
      if (value) return { kind: 'value', node: value, scope: current, name };
    }
    const imported = scope.module.imports.get(name);
    if (imported) return this.resolveQualified(imported, depth + 1);
    return { kind: 'external', qualified: `builtins.${name}` };
  }

  /** Resolves an identifier or attribute chain as seen from `scope`. */
  resolve(scope: Scope, node: Node | undefined): PySymbol | undefined {
    // Only names and attribute chains resolve (dottedName): other nodes get no memo slots.
    if (!node || !RESOLVABLE.has(node.type)) return undefined;
    // The checks resolve the same nodes (every call's function) from the same scope again
    // and again: the node keeps its last scope and answer, saving the text and the lookup.
    if (node.fact(RESOLVED_SCOPE) === scope)
      return node.fact(RESOLVED_SYMBOL) as PySymbol | undefined;
    const symbol = this.resolveFromScope(scope, node);
    node.setFact(RESOLVED_SCOPE, scope);
    node.setFact(RESOLVED_SYMBOL, symbol);
    return symbol;
  }

  private resolveFromScope(scope: Scope, node: Node): PySymbol | undefined {
    // An attribute of a value or a definition (`router.get`) resolves to nothing
    // (resolveDotted): answered before its dotted name is built or cached.
    if (node.type === 'attribute' && bindsLocally(scope, chainHead(node)))
      return undefined;
    const dotted = dottedName(node);
    if (!dotted) return undefined;
    // A name means the same from every scope up to the one that binds it (most function
    // bodies bind nothing): one cache there serves all of them.
    const dot = dotted.indexOf('.');
    const owner = bindingScope(scope, dot < 0 ? dotted : dotted.slice(0, dot));
    const cache = (owner.resolved ??= new Map());
    const known = cache.get(dotted);
    if (known !== undefined) return known ?? undefined;
    const symbol = this.resolveDotted(owner, dotted);
    cache.set(dotted, symbol ?? null);
    return symbol;
  }

  private resolveDotted(scope: Scope, dotted: string): PySymbol | undefined {
    const dot = dotted.indexOf('.');
    const head = this.resolveName(
      scope,
      dot < 0 ? dotted : dotted.slice(0, dot),
    );
    if (!head || dot < 0) return head;
    if (head.kind === 'module')
      return this.resolveMember(
        head.module,
        dotted.slice(dot + 1).split('.'),
        1,
      );
    if (head.kind === 'external')
      return {
        kind: 'external',
        qualified: `${head.qualified}${dotted.slice(dot)}`,
      };
    return undefined;
  }
}

/** True when `qualified` names `name` from the `root` package (any submodule). */
export function isExternal(
  symbol: PySymbol | undefined,
  roots: string[],
  names: string[],
): boolean {
  if (symbol?.kind !== 'external') return false;
  const { qualified } = symbol;
  // First and last dotted parts, without splitting (the checks ask this very often).
  const dot = qualified.indexOf('.');
  const root = dot < 0 ? qualified : qualified.slice(0, dot);
  if (!roots.includes(root)) return false;
  return names.includes(qualified.slice(qualified.lastIndexOf('.') + 1));
}
