import {
  nodesOf,
  type PythonModule,
  type PythonProject,
} from '../python/project';
import { field, kids } from '../python/syntax';
import type { FastapiModel } from './model';

/**
 * The modules `import a.b.c` statements name in full (anywhere in the module): the
 * statement runs `a.b.c`, though the name it binds, and so `module.imports`, is `a`.
 */
function dottedImports(module: PythonModule): string[] {
  return nodesOf(module, 'import_statement').flatMap(statement =>
    kids(statement).flatMap(item => {
      const dotted =
        item.type === 'aliased_import' ? field(item, 'name') : item;
      return dotted?.type === 'dotted_name' && dotted.text.includes('.')
        ? [dotted.text]
        : [];
    }),
  );
}

/** A module and the packages Python runs first when importing it (their __init__). */
function withParents(
  project: PythonProject,
  module: PythonModule,
): PythonModule[] {
  const parts = module.name.split('.');
  const found = [module];
  for (let i = parts.length - 1; i > 0; i--) {
    const parent = project.modules.get(parts.slice(0, i).join('.'));
    if (parent) found.push(parent);
  }
  return found;
}

/**
 * Alembic's env.py (it imports Alembic's `context`): tooling, even when it imports the
 * module that creates the app to reach the models; it is no entry point of the service.
 */
const isAlembicEnvironment = (module: PythonModule) =>
  [...module.imports.values()].some(
    qualified => qualified === 'alembic.context',
  );

/**
 * The modules the running service executes: those that create the app, those that
 * import them (the entry points: `main.py` calling an app factory), and everything they
 * import, transitively. Tooling next to the service (Alembic's env.py, scripts) is left
 * out unless the app imports it.
 */
export function runtimeModules(
  project: PythonProject,
  model: FastapiModel,
  candidates: PythonModule[],
): PythonModule[] {
  const appModules = new Set(model.apps.map(app => app.module));
  // Asked for every module, and again while walking: computed once each.
  const imported = new Map<PythonModule, PythonModule[]>();
  const packages = new Map<PythonModule, PythonModule[]>();
  const withPackages = (target: PythonModule) => {
    let found = packages.get(target);
    if (!found) {
      found = withParents(project, target);
      packages.set(target, found);
    }
    return found;
  };
  const importsOf = (module: PythonModule) => {
    let targets = imported.get(module);
    if (!targets) {
      targets = [...module.imports.values(), ...dottedImports(module)].flatMap(
        qualified => {
          // The project's module the name lands in (the longest known prefix).
          const target = project.longestModulePrefix(qualified)?.module;
          return target ? withPackages(target) : [];
        },
      );
      imported.set(module, targets);
    }
    return targets;
  };
  const seeds = candidates.filter(
    module =>
      appModules.has(module) ||
      (!isAlembicEnvironment(module) &&
        importsOf(module).some(target => appModules.has(target))),
  );
  const reached = new Set<PythonModule>();
  const queue = [...seeds];
  while (queue.length) {
    const module = queue.pop()!;
    if (reached.has(module)) continue;
    reached.add(module);
    for (const target of importsOf(module))
      if (!reached.has(target)) queue.push(target);
  }
  return candidates.filter(module => reached.has(module));
}
