import type { Node } from '../python/parser';
import {
  PySymbol,
  PythonModule,
  PythonProject,
  Scope,
  functionScopeOf,
  nodesOf,
} from '../python/project';
import {
  callParts,
  descendants,
  field,
  kids,
  sequenceItems,
  stringValue,
} from '../python/syntax';
import {
  crudOperations,
  crudRouterPrefix,
  isCrudRouterClass,
} from './crudRouters';
import { isAPIRouterClass, isFastAPIClass } from './names';
import { NodeMap } from './nodeMap';
import { parametersOf } from './parameters';
import {
  dictEntries,
  routeTableArguments,
  scopedTableRows,
} from './routeTable';

/** A dependency expression and the scope its names are resolved in. */
export type ScopedNode = { node: Node; scope: Scope; module: PythonModule };

/** A FastAPI() or APIRouter() instance. */
export type RouteOwner = {
  kind: 'app' | 'router';
  module: PythonModule;
  call: Node;
  prefix: string;
  dependencies: ScopedNode[];
  keywords: ReadonlyMap<string, Node>;
};

export const HTTP_METHODS = [
  'get',
  'post',
  'put',
  'patch',
  'delete',
  'options',
  'head',
];
export const MUTATING_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];

export type Route = {
  module: PythonModule;
  /** The function_definition of the path operation. */
  func: Node;
  /** The decorator call (or add_api_route call) declaring it. */
  declaration: Node;
  /** Scope the function's annotations and defaults are resolved in. */
  scope: Scope;
  methods: string[];
  websocket: boolean;
  keywords: ReadonlyMap<string, Node>;
  /** Path including every router and include_router prefix. */
  fullPath: string;
  /** Dependencies from the app, include_router calls, the router and the decorator. */
  inheritedDependencies: ScopedNode[];
  /** False when the router is never included in an app. */
  mounted: boolean;
  /** `include_in_schema=False` on the route, its router or an include_router on the way. */
  hidden: boolean;
  /** The `if` condition an include_router on the way is under (`settings.ENVIRONMENT == "local"`). */
  condition?: string;
  /** A library's name for a route it generates (fastapi-crudrouter's `create`); `func` is then the call. */
  generatedName?: string;
};

/** A path operation as declared, before its owner's mounts are applied. */
type RouteDeclaration = Pick<
  Route,
  | 'module'
  | 'func'
  | 'declaration'
  | 'scope'
  | 'methods'
  | 'websocket'
  | 'generatedName'
> & {
  owner: RouteOwner;
  /** The path as written in the declaration, without prefixes. */
  path: string;
  keywords: ReadonlyMap<string, Node>;
};

type Mount = {
  parent: RouteOwner;
  prefix: string;
  dependencies: ScopedNode[];
  hidden: boolean;
  condition?: string;
};

const COMPREHENSIONS = [
  'list_comprehension',
  'set_comprehension',
  'generator_expression',
];

/** The scopes of a call without `**options` (shared: never written). */
const NO_SCOPES: ReadonlyMap<string, Scope> = new Map();

/** A route decorator's method list (shared by every route of that method: never written). */
const METHOD_LISTS = new Map(
  HTTP_METHODS.map(method => [method, [method.toUpperCase()]]),
);

const hides = (keywords: ReadonlyMap<string, Node>) =>
  keywords.get('include_in_schema')?.type === 'false';

/** The condition a statement runs under: its nearest enclosing if/elif/else. */
function enclosingCondition(node: Node): string | undefined {
  for (let child = node, up = node.parent; up; child = up, up = up.parent) {
    if (up.type === 'function_definition' || up.type === 'class_definition')
      return undefined;
    if (up.type === 'if_statement' || up.type === 'elif_clause') {
      const condition = field(up, 'condition');
      // Only the consequence is under the condition (not the else branches).
      if (condition && field(up, 'consequence')?.id === child.id)
        return condition.text;
    }
    if (up.type === 'else_clause') {
      const owner = up.parent;
      const condition = owner && field(owner, 'condition');
      if (condition) return `not (${condition.text})`;
    }
  }
  return undefined;
}

/**
 * A discovered module's mount under `if hasattr(module, "router") and …`: the check
 * picks the modules that have a router, which the discovery already did; not a
 * deployment condition.
 */
function discoveryCondition(condition: string | undefined) {
  return condition &&
    /^hasattr\([^()]*\)(\s+and\s+hasattr\([^()]*\))*$/.test(condition.trim())
    ? undefined
    : condition;
}

/** The dependencies of whatever declares none (shared: never written). */
const NO_DEPENDENCIES: ScopedNode[] = [];

function dependencyList(value: Node | undefined, scope: Scope): ScopedNode[] {
  const items = sequenceItems(value);
  if (!items?.length) return NO_DEPENDENCIES;
  return items.map(node => ({
    node,
    scope,
    module: scope.module,
  }));
}

/** `first` then `second`, without a new list when one of them is empty. */
function concatenated<T>(first: T[], second: T[]): T[] {
  if (second.length === 0) return first;
  return first.length === 0 ? second : [...first, ...second];
}

/** The scope of a function's body. */
export const bodyScope = (module: PythonModule, func: Node): Scope =>
  functionScopeOf(func) ?? module.scope;

/** The expressions a function returns (not those of functions nested in it). */
export function returnedValues(func: Node): Node[] {
  const body = field(func, 'body');
  if (!body) return [];
  return descendants(body, 'return_statement').flatMap(statement => {
    for (let up = statement.parent; up && !up.is(body); up = up.parent) {
      if (up.type === 'function_definition' || up.type === 'lambda') return [];
    }
    const [value] = kids(statement);
    return value ? [value] : [];
  });
}

/** A literal prefix as written; a computed one (settings.API_V1_STR) as `{expression}`. */
function prefixOf(node: Node | undefined): string {
  if (!node) return '';
  return stringValue(node) ?? `{${node.text}}`;
}

function routePath(
  parts: Omit<ReturnType<typeof callParts>, 'callee'>,
): string {
  return stringValue(parts.positional[0] ?? parts.keywords.get('path')) ?? '';
}

/** `methods=[...]` of api_route / add_api_route, upper-cased; GET when absent. */
function declaredMethods(
  parts: Omit<ReturnType<typeof callParts>, 'callee'>,
): string[] {
  const methods = (sequenceItems(parts.keywords.get('methods')) ?? [])
    .map(stringValue)
    .filter((m): m is string => !!m)
    .map(m => m.toUpperCase());
  return methods.length ? methods : ['GET'];
}

/** The methods a route decorator (`@router.<method>(...)`) declares; undefined when it is not one. */
function routeKind(
  method: string,
  parts: ReturnType<typeof callParts>,
): Pick<Route, 'methods' | 'websocket'> | undefined {
  const methods = METHOD_LISTS.get(method);
  if (methods) return { methods, websocket: false };
  if (method === 'api_route')
    return { methods: declaredMethods(parts), websocket: false };
  if (method === 'websocket' || method === 'websocket_route')
    return { methods: [], websocket: true };
  return undefined;
}

/** The `<owner>.include_router(…)` calls written in a module, with their callee. */
export function includeRouterCalls(
  module: PythonModule,
): { call: Node; callee: Node }[] {
  const found: { call: Node; callee: Node }[] = [];
  if (!module.tree.rootNode.textIncludes('include_router')) return found;
  for (const call of nodesOf(module, 'call')) {
    const callee = field(call, 'function');
    if (
      callee?.type === 'attribute' &&
      field(callee, 'attribute')?.textIs('include_router')
    )
      found.push({ call, callee });
  }
  return found;
}

/**
 * The FastAPI structure of a project: apps and routers, where routers are mounted and
 * with which prefixes and dependencies, and every path operation with its full path.
 */
export class FastapiModel {
  /** By the call that creates each (collected module by module). */
  readonly owners = new NodeMap<RouteOwner>();
  readonly routes: Route[] = [];
  private readonly mounts = new NodeMap<Mount[]>();
  /** Each owner's ways to an app: the same for every route it declares. */
  private readonly chainsOf = new Map<
    RouteOwner,
    ReturnType<FastapiModel['chains']>
  >();

  /**
   * `testModules`: the service's tests, whose apps are known (a test client may drive
   * one) but whose routes, declared on apps the tests build, are not the service's.
   */
  constructor(
    readonly project: PythonProject,
    testModules: ReadonlySet<PythonModule> = new Set(),
  ) {
    // A module can be known under two names (src.app.main and app.main): visit it once.
    const modules = [...new Set(project.modules.values())];
    for (const module of modules) this.collectOwners(module);
    for (const module of modules) this.collectMounts(module);
    for (const module of modules)
      if (!testModules.has(module)) this.collectRoutes(module);
  }

  get apps(): RouteOwner[] {
    return [...this.owners.values()].filter(owner => owner.kind === 'app');
  }

  /**
   * The owner an expression refers to, as seen from `scope`: a name bound to one, or a
   * call to a function that builds and returns one (`include_router(make_users_router())`).
   */
  ownerOf(
    scope: Scope,
    node: Node | undefined,
    depth = 0,
  ): RouteOwner | undefined {
    if (!node || depth > 8) return undefined;
    if (node.type === 'call') {
      const own = this.owners.get(scope.module, node);
      if (own) return own;
      const callee = this.project.resolve(scope, field(node, 'function'));
      if (
        callee?.kind !== 'definition' ||
        callee.node.type !== 'function_definition'
      )
        return undefined;
      const inner = bodyScope(callee.scope.module, callee.node);
      for (const value of returnedValues(callee.node)) {
        const owner = this.ownerOf(inner, value, depth + 1);
        if (owner) return owner;
      }
      return undefined;
    }
    const symbol = this.project.resolve(scope, node);
    if (node.type === 'identifier' && symbol?.kind === 'external')
      return this.selfOwner(node) ?? this.parameterOwner(scope, node, depth);
    if (symbol?.kind !== 'value') return undefined;
    return (
      this.owners.get(symbol.scope.module, symbol.node) ??
      (symbol.node.type === 'call'
        ? this.ownerOf(symbol.scope, symbol.node, depth + 1)
        : undefined)
    );
  }

  /**
   * `self` in a method of a FastAPI (or APIRouter) subclass (`self.include_router(…)` in
   * its `setup()`): the instance the project creates of that class.
   */
  private selfOwner(node: Node): RouteOwner | undefined {
    if (!node.textIs('self')) return undefined;
    let cls = node.parent;
    while (cls && cls.type !== 'class_definition') cls = cls.parent;
    if (!cls) return undefined;
    for (const owner of this.owners.values()) {
      const created = this.project.resolve(
        this.project.scopeAt(owner.module, owner.call),
        field(owner.call, 'function'),
      );
      if (created?.kind === 'definition' && created.node.is(cls)) return owner;
    }
    return undefined;
  }

  /**
   * The routers a loop variable takes (`for router in [users, items]:
   * app.include_router(router)`); undefined when `node` is not such a variable.
   */
  private loopOwners(scope: Scope, node: Node | undefined) {
    if (node?.type !== 'identifier') return undefined;
    for (let up = node.parent; up; up = up.parent) {
      if (up.type === 'function_definition') return undefined;
      // `for router in routers:` or `[app.include_router(r) for r in routers]`.
      const loop = COMPREHENSIONS.includes(up.type)
        ? kids(up).find(
            clause =>
              clause.type === 'for_in_clause' &&
              field(clause, 'left')?.textIs(node.text),
          )
        : up;
      if (loop?.type !== 'for_statement' && loop?.type !== 'for_in_clause')
        continue;
      if (!loop || !field(loop, 'left')?.textIs(node.text)) continue;
      // The list written there, or a module-level list the loop names (or imports).
      return (
        scopedTableRows(this.project, scope, field(loop, 'right')) ?? []
      ).flatMap(item => {
        const owner = this.ownerOf(item.scope, item.node);
        return owner ? [owner] : [];
      });
    }
    return undefined;
  }

  /**
   * Route modules discovered at start-up: `include_router(module.router,
   * prefix=module.PREFIX)` where `module = importlib.import_module(f"pkg.routes.{name}")`
   * mounts the `router` of every module directly in `pkg.routes` that binds one, each
   * with its own `PREFIX` when the prefix is read from the module too.
   */
  private discoveredOwners(
    scope: Scope,
    node: Node | undefined,
    prefix: Node | undefined,
  ): { owner: RouteOwner; prefix: string }[] | undefined {
    if (node?.type !== 'attribute') return undefined;
    const object = field(node, 'object');
    const attribute = field(node, 'attribute')?.text;
    const bound = this.project.resolve(scope, object);
    if (object?.type !== 'identifier' || !attribute || bound?.kind !== 'value')
      return undefined;
    const loader =
      bound.node.type === 'call' ? callParts(bound.node) : undefined;
    const imported = loader && this.project.resolve(bound.scope, loader.callee);
    if (
      !loader ||
      imported?.kind !== 'external' ||
      imported.qualified !== 'importlib.import_module'
    )
      return undefined;
    // The package named before the first interpolation: f"pkg.routes.{name}".
    const pkg = /^[a-z]*["']([\w.]+)\.\{/i.exec(
      loader.positional[0]?.text ?? '',
    )?.[1];
    if (!pkg) return undefined;
    const prefixName =
      prefix?.type === 'attribute' &&
      field(prefix, 'object')?.textIs(object.text)
        ? field(prefix, 'attribute')?.text
        : undefined;
    const found: { owner: RouteOwner; prefix: string }[] = [];
    for (const module of new Set(this.project.modules.values())) {
      const rest = module.name.startsWith(`${pkg}.`)
        ? module.name.slice(pkg.length + 1)
        : '';
      if (!rest || rest.includes('.')) continue;
      const symbol = this.project.resolveName(module.scope, attribute);
      if (symbol?.kind !== 'value') continue;
      const owner =
        this.owners.get(symbol.scope.module, symbol.node) ??
        this.ownerOf(symbol.scope, symbol.node);
      if (!owner) continue;
      const own = prefixName
        ? this.project.resolveName(module.scope, prefixName)
        : undefined;
      found.push({
        owner,
        prefix: prefixName
          ? (own?.kind === 'value' && stringValue(own.node)) || ''
          : prefixOf(prefix),
      });
    }
    return found;
  }

  private callSites?: NodeMap<{ call: Node; scope: Scope }[]>;

  /** Calls of each function defined in the project, found by name then resolved. */
  private callsOf(func: Node, module: PythonModule) {
    if (!this.callSites) {
      this.callSites = new NodeMap();
      const names = new Set(
        [...new Set(this.project.modules.values())].flatMap(m =>
          nodesOf(m, 'function_definition').map(
            f => field(f, 'name')?.text ?? '',
          ),
        ),
      );
      for (const caller of new Set(this.project.modules.values())) {
        for (const call of nodesOf(caller, 'call')) {
          const callee = field(call, 'function');
          const name =
            callee?.type === 'attribute'
              ? field(callee, 'attribute')?.text
              : callee?.text;
          if (!name || !names.has(name)) continue;
          const scope = this.project.scopeAt(caller, call);
          const target = this.project.resolve(scope, callee);
          if (target?.kind !== 'definition') continue;
          const sites =
            this.callSites.get(target.scope.module, target.node) ?? [];
          sites.push({ call, scope });
          this.callSites.set(target.scope.module, target.node, sites);
        }
      }
    }
    return this.callSites.get(module, func) ?? [];
  }

  /**
   * A router or app passed in as an argument (`def register_routers(app: FastAPI)`,
   * `create_application(router=api_router)`): the owner the callers pass.
   */
  private parameterOwner(
    scope: Scope,
    node: Node,
    depth: number,
  ): RouteOwner | undefined {
    let func = node.parent;
    while (func && func.type !== 'function_definition') func = func.parent;
    if (!func) return undefined;
    const parameters = parametersOf(func);
    const index = parameters.findIndex(p => p.name === node.text);
    if (index < 0) return undefined;
    const isMethod = parameters[0]?.name === 'self';
    for (const { call, scope: callerScope } of this.callsOf(
      func,
      scope.module,
    )) {
      const parts = callParts(call);
      const argument =
        parts.keywords.get(node.text) ??
        parts.positional[isMethod ? index - 1 : index];
      const owner = this.ownerOf(callerScope, argument, depth + 1);
      if (owner) return owner;
    }
    return undefined;
  }

  /**
   * What calling `callee` creates: an app (FastAPI or a subclass), a router (APIRouter
   * or a subclass), or whatever a function returns directly (`return APIRouter(...)`),
   * so that each call of such a factory is a router of its own.
   */
  private ownerKind(
    symbol: PySymbol | undefined,
    depth = 0,
  ): RouteOwner['kind'] | undefined {
    if (!symbol || depth > 8) return undefined;
    if (isFastAPIClass(symbol)) return 'app';
    if (isAPIRouterClass(symbol)) return 'router';
    if (symbol.kind !== 'definition') return undefined;
    if (symbol.node.type === 'class_definition') {
      const bases = field(symbol.node, 'superclasses');
      for (const base of bases ? kids(bases) : []) {
        const kind = this.ownerKind(
          this.project.resolve(symbol.scope, base),
          depth + 1,
        );
        if (kind) return kind;
      }
      return undefined;
    }
    const inner = bodyScope(symbol.scope.module, symbol.node);
    for (const value of returnedValues(symbol.node)) {
      if (value.type !== 'call') continue;
      const kind = this.ownerKind(
        this.project.resolve(inner, field(value, 'function')),
        depth + 1,
      );
      if (kind) return kind;
    }
    return undefined;
  }

  /**
   * A call's keywords with those of `**options` added, when `options` names a dict
   * literal (`APIRouter(**router_docs)` where `router_docs = {"prefix": …,
   * "dependencies": […]}`); keywords written in the call win.
   */
  private splatKeywords(
    scope: Scope,
    call: Node,
    keywords: ReadonlyMap<string, Node>,
  ): {
    keywords: ReadonlyMap<string, Node>;
    scopes: ReadonlyMap<string, Scope>;
  } {
    // Every app, router and include_router call asks; few have a `**` splat.
    if (!call.textIncludes('**')) return { keywords, scopes: NO_SCOPES };
    const args = field(call, 'arguments');
    let merged: Map<string, Node> | undefined;
    let scopes: Map<string, Scope> | undefined;
    for (const arg of args ? kids(args) : []) {
      if (arg.type !== 'dictionary_splat') continue;
      const name = kids(arg)[0];
      const symbol =
        name?.type === 'identifier'
          ? this.project.resolve(scope, name)
          : undefined;
      const written = name?.type === 'dictionary' ? name : undefined;
      const entries = dictEntries(
        written ?? (symbol?.kind === 'value' ? symbol.node : undefined),
      );
      for (const [key, value] of entries ?? []) {
        if (keywords.has(key)) continue;
        (merged ??= new Map(keywords)).set(key, value);
        // The dict's names are resolved where it is written.
        if (symbol?.kind === 'value')
          (scopes ??= new Map()).set(key, symbol.scope);
      }
    }
    return { keywords: merged ?? keywords, scopes: scopes ?? NO_SCOPES };
  }

  private collectOwners(module: PythonModule): void {
    for (const call of nodesOf(module, 'call')) {
      const scope = this.project.scopeAt(module, call);
      const callee = this.project.resolve(scope, field(call, 'function'));
      const kind = this.ownerKind(callee);
      if (!kind) continue;
      // Taken apart only for owners: most calls are not one.
      const parts = callParts(call);
      const { keywords, scopes } = this.splatKeywords(
        scope,
        call,
        parts.keywords,
      );
      let prefix = kind === 'router' ? prefixOf(keywords.get('prefix')) : '';
      if (isCrudRouterClass(callee))
        prefix = crudRouterPrefix(this.project, scope, call);
      this.owners.set(module, call, {
        kind,
        module,
        call,
        prefix,
        dependencies: dependencyList(
          keywords.get('dependencies'),
          scopes.get('dependencies') ?? scope,
        ),
        keywords,
      });
    }
  }

  private collectMounts(module: PythonModule): void {
    for (const { call, callee } of includeRouterCalls(module)) {
      const scope = this.project.scopeAt(module, call);
      const parent = this.ownerOf(scope, field(callee, 'object'));
      const parts = callParts(call);
      const argument = parts.positional[0] ?? parts.keywords.get('router');
      if (!parent) continue;
      // `include_router(router, **kwds)` with `kwds = {"dependencies": […]}`.
      const { keywords, scopes } = this.splatKeywords(
        scope,
        call,
        parts.keywords,
      );
      const prefix = prefixOf(keywords.get('prefix'));
      const loop = this.loopOwners(scope, argument)?.map(owner => ({
        owner,
        prefix,
      }));
      const discovered = loop
        ? undefined
        : this.discoveredOwners(scope, argument, keywords.get('prefix'));
      const child =
        loop || discovered ? undefined : this.ownerOf(scope, argument);
      for (const each of loop ??
        discovered ??
        (child ? [{ owner: child, prefix }] : [])) {
        const mounts =
          this.mounts.get(each.owner.module, each.owner.call) ?? [];
        mounts.push({
          parent,
          prefix: each.prefix,
          dependencies: dependencyList(
            keywords.get('dependencies'),
            scopes.get('dependencies') ?? scope,
          ),
          hidden: hides(keywords),
          condition: discovered
            ? discoveryCondition(enclosingCondition(call))
            : enclosingCondition(call),
        });
        this.mounts.set(each.owner.module, each.owner.call, mounts);
      }
    }
  }

  /** The full prefixes under which an app serves `owner` (none when it is not mounted). */
  mountedPrefixes(owner: RouteOwner): string[] {
    return this.chains(owner)
      .filter(chain => chain.mounted)
      .map(chain => chain.prefix);
  }

  /** Every way an owner is reachable from an app: accumulated prefix and dependencies. */
  private chains(
    owner: RouteOwner,
    depth = 0,
  ): {
    prefix: string;
    dependencies: ScopedNode[];
    mounted: boolean;
    hidden: boolean;
    condition?: string;
  }[] {
    const own = {
      prefix: owner.prefix,
      dependencies: owner.dependencies,
      hidden: hides(owner.keywords),
    };
    if (owner.kind === 'app') return [{ ...own, mounted: true }];
    const mounts =
      depth > 10 ? [] : this.mounts.get(owner.module, owner.call) ?? [];
    if (mounts.length === 0) return [{ ...own, mounted: false }];
    return mounts.flatMap(mount =>
      this.chains(mount.parent, depth + 1).map(chain => ({
        prefix: chain.prefix + mount.prefix + own.prefix,
        dependencies: concatenated(
          concatenated(chain.dependencies, mount.dependencies),
          own.dependencies,
        ),
        mounted: chain.mounted,
        hidden: chain.hidden || mount.hidden || own.hidden,
        condition: chain.condition ?? mount.condition,
      })),
    );
  }

  private addRoute(declared: RouteDeclaration): void {
    const { owner, path, keywords, scope } = declared;
    const decoratorDependencies = dependencyList(
      keywords.get('dependencies'),
      scope,
    );
    let chains = this.chainsOf.get(owner);
    if (!chains) {
      chains = this.chains(owner);
      this.chainsOf.set(owner, chains);
    }
    for (const chain of chains) {
      // Spelled out rather than spread: one route per declaration and mount.
      this.routes.push({
        module: declared.module,
        func: declared.func,
        declaration: declared.declaration,
        methods: declared.methods,
        websocket: declared.websocket,
        scope,
        keywords,
        fullPath: chain.prefix + path,
        inheritedDependencies: concatenated(
          chain.dependencies,
          decoratorDependencies,
        ),
        mounted: chain.mounted,
        hidden: chain.hidden || hides(keywords),
        condition: chain.condition,
        generatedName: declared.generatedName,
      });
    }
  }

  /**
   * The path operations fastapi-crudrouter routers created in this module generate: no
   * function of the service declares them, so the router call stands for each.
   */
  private collectCrudRoutes(module: PythonModule): void {
    for (const call of nodesOf(module, 'call')) {
      const owner = this.owners.get(module, call);
      if (!owner) continue;
      const scope = this.project.scopeAt(module, call);
      if (
        !isCrudRouterClass(this.project.resolve(scope, field(call, 'function')))
      )
        continue;
      for (const operation of crudOperations(call)) {
        const keywords = new Map<string, Node>();
        if (operation.responseModel)
          keywords.set('response_model', operation.responseModel);
        if (operation.dependencies)
          keywords.set('dependencies', operation.dependencies);
        this.addRoute({
          module,
          owner,
          func: call,
          declaration: call,
          scope,
          methods: [operation.method],
          websocket: false,
          path: operation.path,
          keywords,
          generatedName: operation.name,
        });
      }
    }
  }

  private collectRoutes(module: PythonModule): void {
    for (const decorated of nodesOf(module, 'decorated_definition')) {
      const func = field(decorated, 'definition');
      if (func?.type !== 'function_definition') continue;
      const scope = this.project.scopeAt(module, decorated);
      for (
        let decorator = decorated.firstNamedChild;
        decorator;
        decorator = decorator.nextNamedSibling
      ) {
        if (decorator.type !== 'decorator') continue;
        const call = decorator.firstNamedChild;
        if (call?.type !== 'call') continue;
        const callee = field(call, 'function');
        if (callee?.type !== 'attribute') continue;
        const method = field(callee, 'attribute')?.text ?? '';
        const owner = this.ownerOf(scope, field(callee, 'object'));
        if (!owner) continue;
        const parts = callParts(call);
        const kind = routeKind(method, parts);
        if (!kind) continue;
        this.addRoute({
          module,
          owner,
          func,
          declaration: call,
          scope,
          methods: kind.methods,
          websocket: kind.websocket,
          path: routePath(parts),
          keywords: parts.keywords,
        });
      }
    }
    if (module.tree.rootNode.textIncludes('CRUD'))
      this.collectCrudRoutes(module);
    // app.add_api_route("/path", endpoint, methods=[...]), also once per row of a
    // literal route table the call loops over.
    if (!module.tree.rootNode.textIncludes('add_api_route')) return;
    for (const call of nodesOf(module, 'call')) {
      const callee = field(call, 'function');
      if (
        callee?.type !== 'attribute' ||
        !field(callee, 'attribute')?.textIs('add_api_route')
      )
        continue;
      const scope = this.project.scopeAt(module, call);
      const owner = this.ownerOf(scope, field(callee, 'object'));
      if (!owner) continue;
      const rows = routeTableArguments(this.project, scope, call) ?? [
        callParts(call),
      ];
      for (const parts of rows) {
        const endpoint = this.project.resolve(
          scope,
          parts.positional[1] ?? parts.keywords.get('endpoint'),
        );
        if (
          endpoint?.kind !== 'definition' ||
          endpoint.node.type !== 'function_definition'
        )
          continue;
        this.addRoute({
          module: endpoint.scope.module,
          owner,
          func: endpoint.node,
          declaration: call,
          scope: endpoint.scope,
          methods: declaredMethods(parts),
          websocket: false,
          path: routePath(parts),
          keywords: parts.keywords,
        });
      }
    }
  }
}
