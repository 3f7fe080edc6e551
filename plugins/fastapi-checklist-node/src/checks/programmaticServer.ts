import type { Evidence } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import type { Node } from '../python/parser';
import {
  isExternal,
  PySymbol,
  PythonModule,
  PythonProject,
} from '../python/project';
import { NodeMap } from '../fastapi/nodeMap';
import { repositoryFile } from '../docker/launchCommand';
import {
  callParts,
  descendants,
  field,
  integerValue,
  kids,
  sequenceItems,
  stringValue,
} from '../python/syntax';
import { evidenceAt } from './context';

/** A server the service's Python code starts itself, and how many workers it runs. */
export type ServerStart = {
  workers: number;
  evidence: Evidence[];
};

/** How deep calls are followed from the entry module to the server's start. */
const MAX_DEPTH = 4;
const PYTHON = /(^|\/)python(\d+(\.\d+)?)?$/;

/**
 * The module a `python -m pkg` / `python serve.py` command line runs (`pkg/__main__.py`
 * for a package), when it is one of the service's.
 */
export function pythonEntryModule(
  words: string[],
  project: PythonProject,
  files: Map<string, Buffer>,
  root: string,
): PythonModule | undefined {
  const python = words.findIndex(word => PYTHON.test(word));
  if (python < 0) return undefined;
  // Interpreter options before the module or file (-u, -O, -X dev…).
  let next = python + 1;
  while (words[next]?.startsWith('-') && words[next] !== '-m') {
    next += words[next] === '-X' || words[next] === '-W' ? 2 : 1;
  }
  if (words[next] === '-m') {
    const name = words[next + 1];
    return name
      ? project.modules.get(`${name}.__main__`) ?? project.modules.get(name)
      : undefined;
  }
  const script = words[next];
  if (!script?.endsWith('.py')) return undefined;
  const path = repositoryFile(files, script, root);
  return path ? project.modulesList().find(m => m.path === path) : undefined;
}

/** The worker count a `workers=` keyword gives: a literal, else a computed count (more than one). */
function workersKeyword(value: Node | undefined): number {
  if (!value) return 1;
  return integerValue(value) ?? 2;
}

/** `workers = N` in a hypercorn config object's class, or a config module. */
function hypercornConfigWorkers(
  project: PythonProject,
  reference: string,
): { module: PythonModule; node: Node } | undefined {
  const symbol = project.resolveQualified(reference.replace(/^python:/, ''));
  if (symbol?.kind === 'module') {
    const node = symbol.module.scope.assignments.get('workers');
    return node ? { module: symbol.module, node } : undefined;
  }
  if (symbol?.kind !== 'value' || symbol.node.type !== 'call') return undefined;
  const cls = project.resolve(symbol.scope, field(symbol.node, 'function'));
  if (cls?.kind !== 'definition' || cls.node.type !== 'class_definition')
    return undefined;
  const body = field(cls.node, 'body');
  for (const statement of body ? kids(body) : []) {
    const assignment = kids(statement).find(k => k.type === 'assignment');
    if (field(assignment ?? statement, 'left')?.text === 'workers') {
      const value = assignment && field(assignment, 'right');
      if (value) return { module: cls.scope.module, node: value };
    }
  }
  return undefined;
}

/** A call that starts a server, with its worker count; undefined for any other call. */
function serverStartOf(
  project: PythonProject,
  module: PythonModule,
  call: Node,
  callee: PySymbol | undefined,
): ServerStart | undefined {
  const parts = callParts(call);
  const started = evidenceAt(module, call, 'starts the server from code');
  // uvicorn ignores the worker count when it reloads: one process.
  if (
    isExternal(callee, ['uvicorn'], ['run', 'Config']) &&
    parts.keywords.get('reload')?.type === 'true'
  )
    return {
      workers: 1,
      evidence: [
        evidenceAt(
          module,
          call,
          'starts the server from code with reload=True',
        ),
      ],
    };
  if (
    isExternal(callee, ['uvicorn'], ['run', 'Config']) ||
    isExternal(callee, ['granian'], ['Granian'])
  )
    return {
      workers: workersKeyword(parts.keywords.get('workers')),
      evidence: [started],
    };
  // hypercorn's serve() runs the app in this process: one worker.
  if (isExternal(callee, ['hypercorn'], ['serve']))
    return { workers: 1, evidence: [started] };
  if (isExternal(callee, ['hypercorn'], ['main', 'run'])) {
    const words = (sequenceItems(parts.positional[0]) ?? [])
      .map(stringValue)
      .filter((w): w is string => w !== undefined)
      .flatMap(w => (/^--?[\w-]+=/.test(w) ? w.split(/=(.*)/s, 2) : [w]));
    const flag = words.findIndex(w => w === '--workers' || w === '-w');
    if (flag >= 0 && /^\d+$/.test(words[flag + 1] ?? ''))
      return { workers: Number(words[flag + 1]), evidence: [started] };
    const config = words.findIndex(w => w === '--config' || w === '-c');
    const reference = config >= 0 ? words[config + 1] : undefined;
    const setting =
      reference?.startsWith('python:') &&
      hypercornConfigWorkers(project, reference);
    if (setting)
      return {
        workers: integerValue(setting.node) ?? 2,
        evidence: [
          started,
          evidenceAt(
            setting.module,
            setting.node.parent ?? setting.node,
            `workers = ${setting.node.text}`,
          ),
        ],
      };
    return { workers: 1, evidence: [started] };
  }
  return undefined;
}

/**
 * programmaticServer's answers per analysis (its project), function and depth: a function
 * first reached near the depth bound must not answer for a shorter path to it.
 */
const starts = new WeakMap<PythonProject, NodeMap<ServerStart | null>[]>();

/** The server started by these calls, or by project functions they call (a few levels deep). */
function startIn(
  project: PythonProject,
  module: PythonModule,
  calls: Node[],
  depth: number,
): ServerStart | undefined {
  for (const call of calls) {
    const callee = project.resolve(
      project.scopeAt(module, call),
      field(call, 'function'),
    );
    const start = serverStartOf(project, module, call, callee);
    if (start) return start;
    if (
      depth < MAX_DEPTH &&
      callee?.kind === 'definition' &&
      callee.node.type === 'function_definition'
    ) {
      let byDepth = starts.get(project);
      if (!byDepth) starts.set(project, (byDepth = []));
      const known = (byDepth[depth] ??= new NodeMap());
      const calleeModule = callee.scope.module;
      let answer = known.get(calleeModule, callee.node);
      if (answer === undefined) {
        known.set(calleeModule, callee.node, null); // cycle guard
        answer =
          startIn(
            project,
            calleeModule,
            descendants(callee.node, 'call'),
            depth + 1,
          ) ?? null;
        known.set(calleeModule, callee.node, answer);
      }
      if (answer) return answer;
    }
  }
  return undefined;
}

/**
 * The server a Python entry module starts: its top-level code (the `__main__` block
 * included) calling uvicorn.run/uvicorn.Config, hypercorn's main/serve or Granian,
 * directly or through the project's functions.
 */
export function programmaticServer(
  project: PythonProject,
  entry: PythonModule,
): ServerStart | undefined {
  const topLevel = descendants(entry.tree.rootNode, 'call').filter(
    call => project.scopeAt(entry, call) === entry.scope,
  );
  return startIn(project, entry, topLevel, 0);
}

/**
 * The server a function of the service starts when it runs (a console script's `main`):
 * its calls, and the project functions they call, a few levels deep.
 */
export function serverStartedBy(
  project: PythonProject,
  module: PythonModule,
  func: Node,
): ServerStart | undefined {
  return startIn(project, module, descendants(func, 'call'), 1);
}
