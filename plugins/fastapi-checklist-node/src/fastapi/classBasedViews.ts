import type { Node } from '../python/parser';
import type { PythonProject } from '../python/project';
import { callParts, field, kids } from '../python/syntax';
import type { Route, ScopedNode } from './model';
import { isDependsCall } from './names';

/** fastapi-utils' / fastapi-restful's `cbv` decorator (`@cbv(router)`). */
const CBV = /^fastapi_(utils|restful)\.(\w+\.)*cbv$/;

/** The class a method is defined in, or undefined for a module-level function. */
function enclosingClass(func: Node): Node | undefined {
  let node = func.parent;
  if (node?.type === 'decorated_definition') node = node.parent;
  if (node?.type !== 'block') return undefined;
  return node.parent?.type === 'class_definition' ? node.parent : undefined;
}

/**
 * Dependencies a class-based view declares as class attributes
 * (`token: str = Depends(get_valid_token)` in a class decorated `@cbv(router)`): the
 * decorator makes every method's route take them. Empty for anything else.
 */
export function classViewDependencies(
  project: PythonProject,
  route: Route,
): ScopedNode[] {
  const cls = enclosingClass(route.func);
  const decorated = cls?.parent;
  if (!cls || decorated?.type !== 'decorated_definition') return [];
  const scope = project.scopeAt(route.module, decorated);
  const isCbv = kids(decorated).some(decorator => {
    const [expression] = decorator.type === 'decorator' ? kids(decorator) : [];
    const callee =
      expression?.type === 'call' ? callParts(expression).callee : expression;
    const symbol = callee && project.resolve(scope, callee);
    return symbol?.kind === 'external' && CBV.test(symbol.qualified);
  });
  if (!isCbv) return [];
  const found: ScopedNode[] = [];
  const body = field(cls, 'body');
  for (const statement of body ? kids(body) : []) {
    const assignment =
      statement.type === 'expression_statement'
        ? kids(statement)[0]
        : undefined;
    const value =
      assignment?.type === 'assignment'
        ? field(assignment, 'right')
        : undefined;
    if (
      value?.type === 'call' &&
      isDependsCall(project.resolve(scope, field(value, 'function')))
    )
      found.push({ node: value, scope, module: route.module });
  }
  return found;
}
