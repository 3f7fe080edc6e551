import type { Evidence } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import type { Node } from '../python/parser';
import { nodesOf, PythonModule, PythonProject } from '../python/project';
import { descendants, dottedName, field, kids } from '../python/syntax';
import { evidenceAt } from './context';
import { modulesMentioning } from './moduleFacts';

/** `if __name__ == "__main__":` and what follows it: a script's entry, not the app's. */
const MAIN_GUARD = /^if\s+__name__\s*==\s*["']__main__["']\s*:/m;

/** The function a node is in, if any. */
function enclosingFunction(node: Node): Node | undefined {
  for (let up = node.parent; up; up = up.parent)
    if (up.type === 'function_definition') return up;
  return undefined;
}

/** `metadata.create_all` (called or passed to run_sync), `Tortoise.generate_schemas()`, `generate_schemas=True`. */
function creationsIn(module: PythonModule): Node[] {
  const found: Node[] = [];
  for (const attribute of nodesOf(module, 'attribute')) {
    const name = field(attribute, 'attribute')?.text;
    const object = dottedName(field(attribute, 'object')) ?? '';
    if (
      (name === 'create_all' && /(^|\.)metadata$/.test(object)) ||
      (name === 'generate_schemas' && attribute.parent?.type === 'call')
    )
      found.push(attribute);
  }
  for (const keyword of nodesOf(module, 'keyword_argument'))
    if (
      field(keyword, 'name')?.textIs('generate_schemas') &&
      field(keyword, 'value')?.type === 'true'
    )
      found.push(keyword);
  return found;
}

/** Import statements (parenthesised ones over several lines too): naming a function is not calling it. */
const IMPORTS =
  /^[ \t]*(from[ \t]+\S+[ \t]+import[ \t]*(\([^)]*\)|[^\n]*)|import[ \t][^\n]*)/gm;

/**
 * True when the function `func` is used (not only defined or imported) in the modules'
 * code outside a __main__ block. Its own body is not a use: `def create_all(engine):
 * metadata.create_all(engine)` names itself only through the call it wraps.
 */
function isUsed(func: Node, name: string, modules: PythonModule[]): boolean {
  const use = new RegExp(`\\b${name}\\b`, 'g');
  const definition = new RegExp(`\\bdef\\s+${name}\\b`, 'g');
  return modules.some(module => {
    const whole = module.tree.rootNode.text;
    const own = whole.includes(func.text)
      ? whole.replace(func.text, '')
      : whole;
    const text = own.split(MAIN_GUARD)[0].replace(IMPORTS, '');
    const uses = text.match(use)?.length ?? 0;
    const definitions = text.match(definition)?.length ?? 0;
    return uses > definitions;
  });
}

/** The framework calls it on every start: `@app.on_event("startup")` (or `router.on_event`). */
function isStartupHandler(func: Node): boolean {
  const decorated = func.parent;
  return (
    decorated?.type === 'decorated_definition' &&
    kids(decorated).some(
      child =>
        child.type === 'decorator' &&
        /\.on_event\(\s*["']startup["']\s*\)/.test(child.text),
    )
  );
}

/** The function stamps Alembic's version itself (create the tables, then `alembic stamp`): bootstrap, not drift. */
function stampsAlembic(
  project: PythonProject,
  module: PythonModule,
  func: Node,
): boolean {
  if (/\bstamp\s*\(/.test(func.text)) return true;
  const scope = project.scopeAt(module, func);
  return descendants(func, 'call').some(call => {
    const callee = project.resolve(scope, field(call, 'function'));
    return (
      callee?.kind === 'definition' && /\bstamp\s*\(/.test(callee.node.text)
    );
  });
}

/**
 * Where the running app creates its tables from the models (create_all, Tortoise's
 * generate_schemas): at module level, or in a function the app's code calls; not in a
 * script's __main__ block, nor where the tables are created and then stamped with
 * Alembic's current version (a new schema's bootstrap).
 */
export function tableCreations(
  project: PythonProject,
  runtimeModules: PythonModule[],
): Evidence[] {
  const evidence: Evidence[] = [];
  for (const module of modulesMentioning(
    runtimeModules,
    /create_all|generate_schemas/,
  )) {
    for (const node of creationsIn(module)) {
      const func = enclosingFunction(node);
      const name = func && field(func, 'name')?.text;
      if (
        func &&
        name &&
        !isStartupHandler(func) &&
        !isUsed(func, name, runtimeModules)
      )
        continue;
      if (func && stampsAlembic(project, module, func)) continue;
      evidence.push(evidenceAt(module, node, 'creates tables from the models'));
    }
  }
  return evidence;
}
