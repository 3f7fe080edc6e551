import { distinctRoutes } from '../fastapi/distinctRoutes';
import type { Route } from '../fastapi/model';
import { isOrDerivesFrom } from '../checks/moduleFacts';
import type { Node } from '../python/parser';
import type { PythonProject } from '../python/project';
import { descendants, field, kids } from '../python/syntax';
import { bindsName } from './python/appStatement';
import { applyTextEdits, TextEdit } from './textEdits';
import { FileEdit, Fix, FixProposal, refuse } from './types';

const MODEL_BASES = ['BaseModel', 'SQLModel'];
const MODEL_ROOTS = ['pydantic', 'sqlmodel'];
/** Names an annotation may use without an import. */
const BUILTINS = new Set([
  'list',
  'dict',
  'set',
  'tuple',
  'str',
  'int',
  'float',
  'bool',
  'bytes',
  'None',
]);

/** The return statements of a function's own body (not of functions nested in it). */
function ownReturns(func: Node): Node[] {
  return descendants(func, 'return_statement').filter(ret => {
    for (let up = ret.parent; up; up = up.parent)
      if (up.type === 'function_definition' || up.type === 'lambda')
        return up.is(func);
    return false;
  });
}

/**
 * The return annotation a route's returns agree on, or why there is none: every return
 * is `SomeModel(...)` (a pydantic/SQLModel class) or a call to a function annotated with
 * a return type, awaited when that function is async.
 */
function inferredType(
  project: PythonProject,
  route: Route,
): { type: string } | { refused: string } {
  const returns = ownReturns(route.func);
  if (!returns.length) return { refused: 'returns nothing' };
  const types = new Set<string>();
  for (const ret of returns) {
    let value: Node | undefined = kids(ret)[0];
    const awaited = value?.type === 'await';
    if (awaited) value = kids(value!)[0];
    if (value?.type !== 'call')
      return {
        refused: `returns \`${ret.text}\`, not a model or a typed call`,
      };
    const callee = field(value, 'function');
    const symbol = project.resolve(
      project.scopeAt(route.module, value),
      callee,
    );
    if (symbol?.kind !== 'definition')
      return {
        refused: `returns \`${callee?.text}(...)\`, which is not defined in the repository`,
      };
    if (symbol.node.type === 'class_definition') {
      if (!isOrDerivesFrom(project, symbol, MODEL_ROOTS, MODEL_BASES))
        return { refused: `returns ${callee!.text}, not a pydantic model` };
      types.add(callee!.text);
      continue;
    }
    const annotation = field(symbol.node, 'return_type');
    if (!annotation)
      return {
        refused: `returns ${callee!.text}(...), which has no return type`,
      };
    const isAsync = /^async\s/.test(symbol.node.text);
    if (isAsync !== awaited)
      return {
        refused: `returns ${callee!.text}(...) ${
          isAsync ? 'without awaiting it' : 'awaited'
        }`,
      };
    const unbound = descendants(annotation, 'identifier')
      .map(name => name.text)
      .find(name => !BUILTINS.has(name) && !bindsName(route.module, name));
    if (unbound)
      return {
        refused: `${callee!.text}'s return type names ${unbound}, which ${
          route.module.path
        } does not import`,
      };
    types.add(annotation.text);
  }
  if (types.size > 1)
    return { refused: `returns different types (${[...types].join(', ')})` };
  return { type: [...types][0] };
}

/** Where ` -> Type` goes: after the parameters' closing parenthesis. */
function annotationEdit(route: Route, type: string): TextEdit {
  const parameters = field(route.func, 'parameters')!;
  return {
    start: parameters.endIndex,
    end: parameters.endIndex,
    text: ` -> ${type}`,
  };
}

/**
 * A return annotation on each route with neither response_model nor one, from what it
 * returns; all of them or none (the check passes only then), refused with the routes it
 * cannot infer.
 */
export const responseModelsFix: Fix = {
  checkId: 'response-models',
  changes:
    'adds a return annotation to each route without a response model, the model it returns (`return Item(...)`) or the return type of the typed function it returns the result of',
  propose({ model, project, files }): FixProposal {
    const lacking = distinctRoutes(
      model.routes.filter(route => !route.websocket),
    ).filter(
      route =>
        !route.keywords.has('response_model') &&
        !field(route.func, 'return_type'),
    );
    if (!lacking.length)
      return refuse(
        'every route without a return type sets response_model=None; choose its response class by hand',
      );
    const edits = new Map<string, TextEdit[]>();
    const refused: string[] = [];
    for (const route of lacking) {
      const found = inferredType(project, route);
      const name = field(route.func, 'name')?.text ?? '?';
      if ('refused' in found) {
        refused.push(
          `${route.module.path}:${route.func.startPosition.row + 1} ${name} ${
            found.refused
          }`,
        );
        continue;
      }
      const list = edits.get(route.module.path) ?? [];
      // A function mounted under two paths is annotated once.
      if (
        !list.some(
          edit => edit.start === field(route.func, 'parameters')!.endIndex,
        )
      )
        list.push(annotationEdit(route, found.type));
      edits.set(route.module.path, list);
    }
    if (refused.length)
      return refuse(
        `the return type cannot be inferred for ${refused.join('; ')}`,
      );
    const fileEdits: FileEdit[] = [...edits].map(([path, list]) => ({
      path,
      content: applyTextEdits(files.get(path)!.toString('utf8'), list),
    }));
    return {
      kind: 'edits',
      edits: fileEdits,
      description: `Adds a return annotation to ${lacking.length} route(s), the model each returns, so FastAPI validates, filters and documents the response`,
    };
  },
};
