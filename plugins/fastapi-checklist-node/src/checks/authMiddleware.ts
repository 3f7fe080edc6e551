import type { Evidence } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import type { Node } from '../python/parser';
import type { PythonModule, PythonProject, Scope } from '../python/project';
import {
  callParts,
  descendants,
  field,
  kids,
  sequenceItems,
  stringValue,
} from '../python/syntax';
import { AppMiddleware, servedAppMiddleware } from '../fastapi/appMiddleware';
import { READS_CREDENTIAL, REJECTS } from '../fastapi/dependencies';
import { bodyWithHeaderNames } from '../fastapi/headerConstants';
import type { Route } from '../fastapi/model';
import { ServedApp } from '../fastapi/servedApp';
import { evidenceAt, ServiceContext } from './context';
import { modulesMentioning } from './moduleFacts';

/**
 * A home-made authentication middleware on the served app: it reads a credential and
 * refuses the request with 401/403 before the app sees it, except on the paths it lets
 * through (`EXCLUDED_PATHS = ["/health", "/docs"]`).
 */
export type MiddlewareGuard = {
  evidence: Evidence;
  /** The middleware's name (its class, or the decorated function). */
  name: string;
  /** True when a request to the route passes through the check. */
  covers(route: Route): boolean;
  /** An authentication library's middleware (fastapi-keycloak-middleware), not home-made. */
  library?: true;
};

/** How deep the functions the middleware calls (`verify_jwt(request)`) are followed. */
const CALL_DEPTH = 3;
/** Writes the path a request is for: `request.url.path`, `request.scope["path"]`. */
const REQUEST_PATH = /\.url\.path\b|\bscope\[\s*["']path["']\s*\]/;
/** Runs the rest of the app. */
const PASSES_ON = /\bcall_next\(|\bself\.app\(/;

/** The middleware function and the service's functions it calls, a few calls deep. */
function reachedFunctions(
  project: PythonProject,
  scope: Scope,
  func: Node,
): { func: Node; scope: Scope }[] {
  // By module and node: two modules' functions can be the same node of their trees.
  const key = (module: PythonModule, node: Node) =>
    `${module.path}:${node.startIndex}`;
  const seen = new Set<string>([key(scope.module, func)]);
  const reached: { func: Node; scope: Scope }[] = [{ func, scope }];
  let frontier: { func: Node; scope: Scope }[] = [{ func, scope }];
  for (let depth = 0; depth < CALL_DEPTH && frontier.length; depth++) {
    const next: typeof frontier = [];
    for (const current of frontier) {
      const body = field(current.func, 'body');
      for (const call of body ? descendants(body, 'call') : []) {
        const symbol = project.resolve(
          project.scopeAt(current.scope.module, call),
          field(call, 'function'),
        );
        if (
          symbol?.kind !== 'definition' ||
          symbol.node.type !== 'function_definition' ||
          seen.has(key(symbol.scope.module, symbol.node))
        )
          continue;
        seen.add(key(symbol.scope.module, symbol.node));
        reached.push({ func: symbol.node, scope: symbol.scope });
        next.push({ func: symbol.node, scope: symbol.scope });
      }
    }
    frontier = next;
  }
  return reached;
}

/** The paths a path test names: literal strings, or the route names of `url_path_for("name")`. */
type PathSet = { paths: string[]; routeNames: string[] };

/** The literal items of a list/tuple/set, through a name or a class attribute; undefined when unreadable. */
function pathSet(
  project: PythonProject,
  scope: Scope,
  node: Node | undefined,
  depth = 0,
): PathSet | undefined {
  if (!node || depth > 4) return undefined;
  const single = stringValue(node);
  if (single !== undefined) return { paths: [single], routeNames: [] };
  const items = sequenceItems(node);
  if (items) {
    const set: PathSet = { paths: [], routeNames: [] };
    for (const item of items) {
      const text = stringValue(item);
      if (text !== undefined) {
        set.paths.push(text);
        continue;
      }
      const routeName = urlPathFor(item);
      if (routeName === undefined) return undefined;
      set.routeNames.push(routeName);
    }
    return set;
  }
  if (node.type === 'attribute' && field(node, 'object')?.text === 'self') {
    // `self.EXCLUDED_PATHS`: a class attribute, or one set in __init__.
    const name = field(node, 'attribute')?.text;
    const klass = enclosing(node, 'class_definition');
    const body = klass && field(klass, 'body');
    for (const assignment of body ? descendants(body, 'assignment') : []) {
      const left = field(assignment, 'left')?.text;
      if (left === name || left === `self.${name}`)
        return pathSet(project, scope, field(assignment, 'right'), depth + 1);
    }
    return undefined;
  }
  const symbol = project.resolve(scope, node);
  if (symbol?.kind === 'value')
    return pathSet(project, symbol.scope, symbol.node, depth + 1);
  return undefined;
}

/** `router.url_path_for("login")`: the route name, else undefined. */
function urlPathFor(node: Node): string | undefined {
  if (node.type !== 'call') return undefined;
  const callee = field(node, 'function');
  if (field(callee ?? node, 'attribute')?.text !== 'url_path_for')
    return undefined;
  const [name] = callParts(node).positional;
  return stringValue(name);
}

function enclosing(node: Node, type: string): Node | undefined {
  for (let up = node.parent; up; up = up.parent)
    if (up.type === type) return up;
  return undefined;
}

/** A test of the request's path and the paths it names. */
type PathTest = {
  node: Node;
  /** True when the test holds for paths outside the set (`not in`, `!=`). */
  negated: boolean;
  prefix: boolean;
  set: PathSet;
};

/**
 * Every test of the request's path in the function: `path in NAMES`, `path not in …`,
 * `path == "/x"`, `path.startswith(("/docs", …))`, `any(path.startswith(p) for p in NAMES)`.
 * Undefined when one names paths that cannot be read.
 */
function pathTests(
  project: PythonProject,
  module: PythonModule,
  func: Node,
): PathTest[] | undefined {
  const body = field(func, 'body');
  if (!body) return [];
  // Local names holding the path: `path = request.url.path`.
  const pathNames = new Set<string>();
  for (const assignment of descendants(body, 'assignment')) {
    const left = field(assignment, 'left');
    if (
      left?.type === 'identifier' &&
      REQUEST_PATH.test(field(assignment, 'right')?.text ?? '')
    )
      pathNames.add(left.text);
  }
  const isPath = (node: Node | undefined) =>
    !!node &&
    (REQUEST_PATH.test(node.text) ||
      (node.type === 'identifier' && pathNames.has(node.text)));
  const tests: PathTest[] = [];
  for (const comparison of descendants(body, 'comparison_operator')) {
    const operands = kids(comparison);
    if (operands.length !== 2 || !isPath(operands[0])) continue;
    const operator = operatorOf(comparison);
    if (!['in', 'not in', '==', '!='].includes(operator)) continue;
    const set = pathSet(
      project,
      project.scopeAt(module, comparison),
      operands[1],
    );
    if (!set) return undefined;
    tests.push({
      node: comparison,
      negated: operator === 'not in' || operator === '!=',
      prefix: false,
      set,
    });
  }
  for (const call of descendants(body, 'call')) {
    const callee = field(call, 'function');
    if (
      callee?.type !== 'attribute' ||
      field(callee, 'attribute')?.text !== 'startswith' ||
      !isPath(field(callee, 'object'))
    )
      continue;
    const [argument] = callParts(call).positional;
    // `any(path.startswith(p) for p in PUBLIC)`: the iterated collection.
    const generator = enclosing(call, 'generator_expression');
    const clause = generator && descendants(generator, 'for_in_clause')[0];
    const iterated =
      argument?.type === 'identifier' &&
      field(clause ?? call, 'left')?.text === argument.text
        ? field(clause!, 'right')
        : argument;
    const set = pathSet(project, project.scopeAt(module, call), iterated);
    if (!set) return undefined;
    tests.push({
      node: generator?.parent?.type === 'call' ? generator.parent : call,
      negated: false,
      prefix: true,
      set,
    });
  }
  // A condition on the path that is none of these (`if is_public(path):`) lets some
  // paths through in a way not read here: the middleware's coverage is unknown.
  const inTest = (node: Node) =>
    tests.some(
      test =>
        node.startIndex >= test.node.startIndex &&
        node.endIndex <= test.node.endIndex,
    );
  for (const statement of descendants(body, ['if_statement', 'elif_clause'])) {
    const condition = field(statement, 'condition');
    const mentions = condition
      ? descendants(condition, ['identifier', 'attribute', 'subscript']).filter(
          node =>
            (node.type === 'identifier' && pathNames.has(node.text)) ||
            (node.type !== 'identifier' && REQUEST_PATH.test(node.text)),
        )
      : [];
    if (mentions.some(node => !inTest(node))) return undefined;
  }
  return tests;
}

/** The operator between a binary node's two operands (`and`, `not in`, `==`). */
function operatorOf(node: Node): string {
  const [left, right] = kids(node);
  if (!left || !right) return '';
  return node.text
    .slice(left.endIndex - node.startIndex, right.startIndex - node.startIndex)
    .trim()
    .replace(/\s+/g, ' ');
}

/** The `if` a test decides, and whether the test is negated on the way (`not`, `and` kept). */
function decidingIf(
  test: Node,
): { statement: Node; negated: boolean } | undefined {
  let negated = false;
  let node = test;
  for (let up = test.parent; up; node = up, up = up.parent) {
    if (up.type === 'not_operator') negated = !negated;
    else if (up.type === 'parenthesized_expression') continue;
    else if (up.type === 'boolean_operator') {
      // Only conjunctions keep "the test holds" when the branch is taken.
      if (operatorOf(up) !== 'and') return undefined;
    } else if (
      (up.type === 'if_statement' || up.type === 'elif_clause') &&
      field(up, 'condition')?.id === node.id
    )
      return { statement: up, negated };
    else return undefined;
  }
  return undefined;
}

/**
 * Which routes the middleware's check applies to, from its path tests: a branch taken for
 * the listed paths that passes the request on exempts them; one that refuses the others
 * exempts the listed ones too; a branch that checks only the listed paths protects only
 * them. Undefined when a test's effect cannot be read.
 */
function coverage(tests: PathTest[]): ((route: Route) => boolean) | undefined {
  const exempt: PathTest[] = [];
  const only: PathTest[] = [];
  for (const test of tests) {
    const decided = decidingIf(test.node);
    if (!decided) return undefined;
    const holdsInside = test.negated === decided.negated;
    const consequence = field(decided.statement, 'consequence')?.text ?? '';
    const passes = PASSES_ON.test(consequence) && !REJECTS.test(consequence);
    // The listed paths go through unchecked, or everything else is refused.
    if (holdsInside === passes) exempt.push(test);
    else only.push(test);
  }
  const matches = (route: Route, test: PathTest) => {
    const path = normalise(route.fullPath);
    return (
      test.set.paths.some(p =>
        test.prefix ? path.startsWith(p) : path === normalise(p),
      ) ||
      test.set.routeNames.some(
        name =>
          (stringValue(route.keywords.get('name')) ??
            field(route.func, 'name')?.text) === name,
      )
    );
  };
  return route =>
    !exempt.some(test => matches(route, test)) &&
    (only.length === 0 || only.some(test => matches(route, test)));
}

function normalise(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

/**
 * The check runs only when a credential is sent: `if token := request.headers.get(…):`
 * (or `if token:` after reading it) with no `else`, and nothing outside that branch
 * refuses. A request without one passes through: optional authentication, which
 * protects nothing.
 */
function checksOnlyPresentCredentials(func: Node): boolean {
  const body = field(func, 'body');
  if (!body) return false;
  const credentialNames = new Set<string>();
  for (const assignment of descendants(body, 'assignment')) {
    const left = field(assignment, 'left');
    if (
      left?.type === 'identifier' &&
      READS_CREDENTIAL.test(field(assignment, 'right')?.text ?? '')
    )
      credentialNames.add(left.text);
  }
  const isPresenceTest = (condition: Node | undefined): boolean => {
    if (!condition) return false;
    if (condition.type === 'parenthesized_expression')
      return isPresenceTest(kids(condition)[0]);
    if (condition.type === 'identifier')
      return credentialNames.has(condition.text);
    if (condition.type === 'named_expression')
      return READS_CREDENTIAL.test(field(condition, 'value')?.text ?? '');
    if (condition.type === 'comparison_operator')
      return (
        operatorOf(condition) === 'is not' &&
        isPresenceTest(kids(condition)[0]) &&
        kids(condition)[1]?.type === 'none'
      );
    return (
      condition.type !== 'not_operator' &&
      condition.type !== 'boolean_operator' &&
      READS_CREDENTIAL.test(condition.text)
    );
  };
  return descendants(body, 'if_statement').some(statement => {
    const consequence = field(statement, 'consequence');
    if (
      !consequence ||
      !isPresenceTest(field(statement, 'condition')) ||
      kids(statement).some(
        k => k.type === 'else_clause' || k.type === 'elif_clause',
      )
    )
      return false;
    const outside =
      body.text.slice(0, consequence.startIndex - body.startIndex) +
      body.text.slice(consequence.endIndex - body.startIndex);
    return !REJECTS.test(outside);
  });
}

/** The middleware's check, if it authenticates: reads a credential and refuses with 401/403. */
function guardOf(
  project: PythonProject,
  middleware: AppMiddleware,
): MiddlewareGuard | undefined {
  const { module, func } = middleware;
  const body = field(func, 'body')?.text ?? '';
  if (!PASSES_ON.test(body)) return undefined;
  const scope = project.scopeAt(module, func);
  // Header names given by constants (`headers.get(const.AUTH_KEY)`) read as the literal.
  const texts = reachedFunctions(project, scope, func).map(reached =>
    bodyWithHeaderNames(project, reached.scope, reached.func),
  );
  if (
    !texts.some(text => READS_CREDENTIAL.test(text)) ||
    !texts.some(text => REJECTS.test(text)) ||
    checksOnlyPresentCredentials(func)
  )
    return undefined;
  const tests = pathTests(project, module, func);
  const covers = tests && coverage(tests);
  if (!covers) return undefined;
  const klass = enclosing(func, 'class_definition');
  const name =
    field(klass ?? func, 'name')?.text ?? field(func, 'name')?.text ?? '';
  return {
    evidence: evidenceAt(
      module,
      klass ?? func,
      'home-made authentication middleware (not documented in OpenAPI)',
    ),
    name,
    covers,
  };
}

/**
 * The home-made authentication middleware on the app the server runs (see
 * servedAppMiddleware): a `dispatch` (or `@app.middleware("http")` function) that reads
 * the Authorization/API-key header, a cookie or the session, itself or in the service's
 * functions it calls (`verify_jwt(request)`), refuses with 401/403, and passes the rest
 * on with `call_next`. Its path tests say which routes it leaves out.
 */
export function authenticatingMiddleware({
  project,
  model,
  appModules,
  launch,
}: ServiceContext): MiddlewareGuard[] {
  const candidates = modulesMentioning(appModules, /middleware/);
  if (!candidates.length) return [];
  const served = new ServedApp(project, model, appModules, launch);
  return servedAppMiddleware(served, candidates).flatMap(middleware => {
    const guard = guardOf(project, middleware);
    return guard ? [guard] : [];
  });
}
