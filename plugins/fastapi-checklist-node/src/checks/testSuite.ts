import type { Node } from '../python/parser';
import {
  isExternal,
  nodesOf,
  PySymbol,
  PythonModule,
  PythonProject,
  Scope,
} from '../python/project';
import { parametersOf } from '../fastapi/dependencies';
import { NodeMap } from '../fastapi/nodeMap';
import {
  callParts,
  descendants,
  field,
  kids,
  stringValue,
} from '../python/syntax';
import { Check, count, evidenceAt, outcome } from './context';
import { skippedUnconditionally } from './skippedTests';

/** httpx and httpx-compatible forks (httpx2) that drive an ASGI app in-process. */
const HTTPX_PACKAGES = ['httpx', 'httpx2'];

function constructsClient(
  project: PythonProject,
  module: PythonModule,
  node: Node,
  tests: ReadonlySet<PythonModule>,
): boolean {
  return descendants(node, 'call').some(call => {
    const callee = project.resolve(
      project.scopeAt(module, call),
      field(call, 'function'),
    );
    return (
      (isExternal(callee, ['fastapi', 'starlette'], ['TestClient']) ||
        isExternal(callee, HTTPX_PACKAGES, ['ASGITransport']) ||
        // httpx before 0.27: AsyncClient(app=app) is shorthand for an ASGI transport.
        (isExternal(callee, HTTPX_PACKAGES, ['AsyncClient', 'Client']) &&
          callParts(call).keywords.has('app'))) &&
      !drivesMockApp(project, module, call, tests)
    );
  });
}

/**
 * A client of an app class the tests define themselves (`TestClient(MockBackend())`, a
 * FastAPI subclass in tests/ with routes of its own) that mounts none of the service's
 * routers: it exercises the mock, not the service.
 */
function drivesMockApp(
  project: PythonProject,
  module: PythonModule,
  call: Node,
  tests: ReadonlySet<PythonModule>,
): boolean {
  const parts = callParts(call);
  const app = parts.keywords.get('app') ?? parts.positional[0];
  let made: { scope: Scope; node: Node } | undefined;
  if (app?.type === 'call')
    made = { scope: project.scopeAt(module, call), node: app };
  else if (app?.type === 'identifier') {
    const bound = project.resolve(project.scopeAt(module, call), app);
    if (bound?.kind === 'value' && bound.node.type === 'call') made = bound;
  }
  if (!made) return false;
  const cls = project.resolve(made.scope, field(made.node, 'function'));
  return (
    cls?.kind === 'definition' &&
    cls.node.type === 'class_definition' &&
    tests.has(cls.scope.module) &&
    !cls.node.textIncludes('include_router')
  );
}

/** Programs' entry points that serve an ASGI app from code. */
const isServerStart = (symbol: PySymbol | undefined) =>
  isExternal(symbol, ['uvicorn'], ['run', 'Server']) ||
  isExternal(symbol, ['hypercorn'], ['serve']);

/** startsServer's answers, per analysis (its project) and depth. */
const serverStarts = new WeakMap<PythonProject, NodeMap<boolean>[]>();

/**
 * A project function that starts the server: it calls uvicorn.run/uvicorn.Server (or
 * hypercorn's serve), or calls, or hands as a `target=` to a process or thread, a
 * project function that does (a few levels deep).
 */
function startsServer(
  project: PythonProject,
  symbol: PySymbol | undefined,
  depth: number,
): boolean {
  if (
    depth > 4 ||
    symbol?.kind !== 'definition' ||
    symbol.node.type !== 'function_definition'
  )
    return false;
  // Each function's answer at each depth is worked out once per analysis: without it a
  // few functions each calling the next many times cost (calls per function)^depth.
  let byDepth = serverStarts.get(project);
  if (!byDepth) serverStarts.set(project, (byDepth = []));
  const known = (byDepth[depth] ??= new NodeMap<boolean>());
  const module = symbol.scope.module;
  const answer = known.get(module, symbol.node);
  if (answer !== undefined) return answer;
  const starts = descendants(symbol.node, 'call').some(call => {
    const scope = project.scopeAt(module, call);
    const callee = project.resolve(scope, field(call, 'function'));
    if (isServerStart(callee)) return true;
    const target = callParts(call).keywords.get('target');
    return [callee, target && project.resolve(scope, target)].some(next =>
      startsServer(project, next, depth + 1),
    );
  });
  known.set(module, symbol.node, starts);
  return starts;
}

/**
 * An HTTP client (httpx, requests) built next to a call of the service's own code that
 * starts its server: the tests drive the app over a socket, end to end.
 */
function clientOfStartedServer(
  project: PythonProject,
  module: PythonModule,
  node: Node,
): boolean {
  const calls = descendants(node, 'call').map(call => ({
    call,
    callee: project.resolve(
      project.scopeAt(module, call),
      field(call, 'function'),
    ),
  }));
  return (
    calls.some(
      ({ callee }) =>
        isExternal(callee, HTTPX_PACKAGES, ['Client', 'AsyncClient']) ||
        isExternal(callee, ['requests'], ['Session']),
    ) && calls.some(({ callee }) => startsServer(project, callee, 0))
  );
}

type TestFunction = {
  func: Node;
  module: PythonModule;
  /** The name tests request a fixture by; undefined for plain functions. */
  fixtureName?: string;
};

function functionsOf(module: PythonModule): TestFunction[] {
  return nodesOf(module, 'function_definition').map(func => {
    const decorators =
      func.parent?.type === 'decorated_definition'
        ? kids(func.parent).filter(k => k.type === 'decorator')
        : [];
    const fixture = decorators.find(d => /fixture/.test(d.text));
    if (!fixture) return { func, module };
    // @pytest.fixture(name="client") def client_fixture(): … is requested as `client`.
    const call = kids(fixture).find(k => k.type === 'call');
    const alias = call
      ? stringValue(callParts(call).keywords.get('name'))
      : undefined;
    return { func, module, fixtureName: alias ?? field(func, 'name')?.text };
  });
}

/**
 * Names a module imports that are another module's module-level client
 * (`from test_app import client`, where test_app.py says `client = TestClient(app)`).
 */
function importedClients(
  project: PythonProject,
  module: PythonModule,
  tests: ReadonlySet<PythonModule>,
): string[] {
  const names: string[] = [];
  for (const name of module.imports.keys()) {
    const symbol = project.resolveName(module.scope, name);
    if (
      symbol?.kind === 'value' &&
      symbol.scope.module !== module &&
      constructsClient(project, symbol.scope.module, symbol.node, tests)
    )
      names.push(name);
  }
  return names;
}

export const testsCheck: Check = ({ project, testModules }) => {
  if (testModules.length === 0)
    return outcome('fail', 'No test files (tests/, test_*.py) found.');
  const functions = testModules.flatMap(functionsOf);
  const testSet = new Set(testModules);

  // Fixtures that build a client, directly or from another client fixture.
  const clientFixtures = new Set<string>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const { func, module, fixtureName: name } of functions) {
      if (!name || clientFixtures.has(name)) continue;
      const usesClient =
        constructsClient(project, module, func, testSet) ||
        clientOfStartedServer(project, module, func) ||
        parametersOf(func).some(p => clientFixtures.has(p.name));
      if (usesClient) {
        clientFixtures.add(name);
        grew = true;
      }
    }
  }
  const moduleClients = new Map(
    testModules.map(module => [
      module,
      [
        ...[...module.scope.assignments]
          .filter(([, value]) =>
            constructsClient(project, module, value, testSet),
          )
          .map(([n]) => n),
        ...importedClients(project, module, testSet),
      ],
    ]),
  );

  const tests = functions.filter(
    ({ func, fixtureName }) =>
      !fixtureName && /^test/.test(field(func, 'name')?.text ?? ''),
  );
  const usingClient = tests.filter(({ func, module }) => {
    if (parametersOf(func).some(p => clientFixtures.has(p.name))) return true;
    if (constructsClient(project, module, func, testSet)) return true;
    const names = moduleClients.get(module) ?? [];
    return descendants(func, 'identifier').some(id => names.includes(id.text));
  });
  // A test pytest always skips (`@pytest.mark.skip`) never drives the app.
  const skipped = usingClient.filter(({ func, module }) =>
    skippedUnconditionally(func, module),
  );
  const exercising = usingClient.filter(t => !skipped.includes(t));
  if (tests.length === 0) {
    return outcome(
      'fail',
      `${count(testModules.length, 'test file')} but no test functions.`,
    );
  }
  if (exercising.length === 0) {
    // Tests exist and run, but none proves the API: a gap to close, not a missing suite.
    if (skipped.length > 0) {
      return outcome(
        'warn',
        `${count(tests.length, 'test function')}; the ${count(
          skipped.length,
          'test',
        )} calling the app through a test client ${
          skipped.length === 1 ? 'is' : 'are'
        } always skipped (pytest.mark.skip), so none exercises it.`,
        skipped
          .slice(0, 10)
          .map(t => evidenceAt(t.module, t.func, 'skipped unconditionally')),
      );
    }
    return outcome(
      'warn',
      `${count(
        tests.length,
        'test function',
      )}, none of which calls the app through a test client (TestClient, ASGITransport, AsyncClient(app=...)).`,
      [
        evidenceAt(
          tests[0].module,
          tests[0].func,
          'does not use a test client',
        ),
      ],
    );
  }
  const files = [...new Set(exercising.map(t => t.module))];
  return outcome(
    'pass',
    `${count(exercising.length, 'test function')} in ${count(
      files.length,
      'file',
    )} exercise the app through a test client.`,
    files.slice(0, 10).map(module => {
      const first = exercising.find(t => t.module === module)!;
      return evidenceAt(module, first.func, 'uses a test client');
    }),
  );
};
