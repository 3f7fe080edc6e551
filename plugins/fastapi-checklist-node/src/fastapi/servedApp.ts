import type { Launch } from '../docker/launchCommand';
import type { Node } from '../python/parser';
import { nodesOf, PythonModule, PythonProject } from '../python/project';
import { callParts, descendants, field } from '../python/syntax';
import type { FastapiModel, RouteOwner } from './model';
import { parametersOf } from './parameters';

/** A call in served code that hands the app to a function (`register_exception_handlers(app)`). */
export type AppHandoff = { module: PythonModule; call: Node };

/**
 * What an expression in served code stands for: an app or router, reached directly or
 * through the calls that pass it in as an argument (outermost call last).
 */
export type OwnerReference = { owner: RouteOwner; via: AppHandoff[] };

/** `uvicorn app.main:app`, `gunicorn 'app.main:create_app()'`: the module named. */
const TARGET = /^['"]?([A-Za-z_][\w.]*):[A-Za-z_]\w*(\(\))?['"]?$/;
/** `fastapi run app/main.py`: the file named. */
const SCRIPT = /^([\w./-]+)\.py$/;

/**
 * The code the server process runs, and the apps it reaches. A registration on the app
 * counts only there: a helper that receives the app counts when served code calls it
 * with the app, never when only tests, scripts or tooling do (they run in processes of
 * their own, on the app or a copy of it, and the server never sees what they register).
 *
 * Served modules: the module the server command names (`uvicorn main:app`), or, when no
 * command names one, those that create an app and those binding one at module level
 * (`app = create_app()`: the entry points); and every module of the application they
 * import, transitively. A second app in a module the named one never imports (a
 * leftover `exceptions.py` with its own `FastAPI()`) is not served.
 */
export class ServedApp {
  readonly modules: ReadonlySet<PythonModule>;
  private readonly calls = new Map<string, AppHandoff[]>();

  constructor(
    readonly project: PythonProject,
    private readonly model: FastapiModel,
    appModules: PythonModule[],
    launch: Launch | undefined,
  ) {
    const candidates = new Set(appModules);
    const seeds = new Set<PythonModule>();
    for (const word of launch?.words ?? []) {
      const target = launchTarget(project, candidates, word);
      if (target) seeds.add(target);
    }
    // Without a server command naming its module, every app the service creates may be
    // the one served; with one, an app in a module it never imports is not.
    if (seeds.size === 0) {
      for (const app of model.apps)
        if (candidates.has(app.module)) seeds.add(app.module);
      for (const module of candidates) {
        for (const value of module.scope.assignments.values())
          if (
            value.type === 'call' &&
            model.ownerOf(module.scope, value)?.kind === 'app'
          )
            seeds.add(module);
      }
    }
    this.modules = importClosure(project, seeds, candidates);
  }

  /**
   * The app or router `node` refers to, as seen from where it is written: a function's
   * parameter is followed into the calls of that function made by served code.
   */
  ownerOf(
    module: PythonModule,
    node: Node | undefined,
    depth = 0,
  ): OwnerReference | undefined {
    if (!node || depth > 8 || !this.modules.has(module)) return undefined;
    const own = this.selfOwner(module, node);
    if (own) return { owner: own, via: [] };
    const scope = this.project.scopeAt(module, node);
    const parameter =
      node.type === 'identifier' &&
      this.project.resolve(scope, node)?.kind === 'external'
        ? parameterOf(node)
        : undefined;
    if (!parameter) {
      const owner = this.model.ownerOf(scope, node);
      return owner && { owner, via: [] };
    }
    const { func, index, keyword } = parameter;
    for (const site of this.callsOf(module, func)) {
      const parts = callParts(site.call);
      const argument = parts.keywords.get(keyword) ?? parts.positional[index];
      const found = this.ownerOf(site.module, argument, depth + 1);
      if (found) return { owner: found.owner, via: [site, ...found.via] };
    }
    return undefined;
  }

  /**
   * Class-based setups: `self` in a FastAPI subclass the served code instantiates as the
   * app, or `self.app` in a class that assigns it `FastAPI(...)`.
   */
  private selfOwner(module: PythonModule, node: Node): RouteOwner | undefined {
    const isSelf = (n: Node | undefined) =>
      n?.type === 'identifier' && n.text === 'self';
    const attribute =
      node.type === 'attribute' && isSelf(field(node, 'object'))
        ? node.text
        : undefined;
    if (!isSelf(node) && !attribute) return undefined;
    let cls = node.parent;
    while (cls && cls.type !== 'class_definition') cls = cls.parent;
    if (!cls) return undefined;
    if (attribute) {
      for (const assignment of descendants(cls, 'assignment')) {
        const right = field(assignment, 'right');
        if (field(assignment, 'left')?.text !== attribute || !right) continue;
        const owner = this.model.owners.get(module, right);
        if (owner?.kind === 'app') return owner;
      }
      return undefined;
    }
    const start = cls.startIndex;
    return this.model.apps.find(app => {
      if (!this.modules.has(app.module)) return false;
      const callee = this.project.resolve(
        this.project.scopeAt(app.module, app.call),
        field(app.call, 'function'),
      );
      return (
        callee?.kind === 'definition' &&
        callee.node.startIndex === start &&
        callee.scope.module === module
      );
    });
  }

  /** True for an app (not a router) created by the application's code. */
  isServedApp(reference: OwnerReference | undefined): boolean {
    return (
      reference?.owner.kind === 'app' &&
      this.modules.has(reference.owner.module)
    );
  }

  /** The calls served code makes to a function, found by name then resolved. */
  private callsOf(module: PythonModule, func: Node): AppHandoff[] {
    const key = `${module.path}:${func.startIndex}`;
    let sites = this.calls.get(key);
    if (sites) return sites;
    sites = [];
    const name = field(func, 'name')?.text;
    for (const caller of name ? this.modules : []) {
      for (const call of nodesOf(caller, 'call')) {
        const callee = field(call, 'function');
        const called =
          callee?.type === 'attribute'
            ? field(callee, 'attribute')?.text
            : callee?.text;
        if (called !== name) continue;
        const target = this.project.resolve(
          this.project.scopeAt(caller, call),
          callee,
        );
        if (
          target?.kind === 'definition' &&
          target.node.startIndex === func.startIndex &&
          target.scope.module === module
        )
          sites.push({ module: caller, call });
      }
    }
    this.calls.set(key, sites);
    return sites;
  }
}

/**
 * The function whose parameter an identifier names (the nearest enclosing one that has
 * it), the parameter's position as callers count it and its name.
 */
export function parameterOf(
  node: Node,
): { func: Node; index: number; keyword: string } | undefined {
  for (let up = node.parent; up; up = up.parent) {
    if (up.type !== 'function_definition') continue;
    const parameters = parametersOf(up);
    const index = parameters.findIndex(p => p.name === node.text);
    if (index < 0) continue;
    // A method's callers do not pass `self`.
    const offset = parameters[0]?.name === 'self' ? 1 : 0;
    return { func: up, index: index - offset, keyword: node.text };
  }
  return undefined;
}

function launchTarget(
  project: PythonProject,
  candidates: ReadonlySet<PythonModule>,
  word: string,
): PythonModule | undefined {
  const named = TARGET.exec(word)?.[1];
  if (named) {
    const module = project.modules.get(named);
    return module && candidates.has(module) ? module : undefined;
  }
  const script = SCRIPT.exec(word)?.[1];
  if (!script) return undefined;
  const path = script.replace(/^\.?\//, '');
  return [...candidates].find(
    m => m.path === `${path}.py` || m.path.endsWith(`/${path}.py`),
  );
}

/** The modules reached from `seeds` by imports (with the packages they sit in), among `candidates`. */
function importClosure(
  project: PythonProject,
  seeds: Iterable<PythonModule>,
  candidates: ReadonlySet<PythonModule>,
): Set<PythonModule> {
  const reached = new Set<PythonModule>();
  const queue = [...seeds];
  while (queue.length) {
    const module = queue.pop()!;
    if (reached.has(module) || !candidates.has(module)) continue;
    reached.add(module);
    for (const qualified of module.imports.values()) {
      const target = project.longestModulePrefix(qualified)?.module;
      if (!target) continue;
      queue.push(target);
      // Importing a.b.c runs a/__init__.py and a/b/__init__.py first.
      const parts = target.name.split('.');
      for (let i = parts.length - 1; i > 0; i--) {
        const parent = project.modules.get(parts.slice(0, i).join('.'));
        if (parent) queue.push(parent);
      }
    }
  }
  return reached;
}
