/* A return annotation naming Response classes only: `-> FileResponse | StreamingResponse`. */
import type { Node } from '../python/parser';
import type { PythonProject, Scope } from '../python/project';
import { isExternal } from '../python/project';
import { field, kids } from '../python/syntax';
import { isResponseClass } from './names';

/**
 * True when `annotation` (a return type's expression) is a Response class, or a union
 * of them: `A | B` or `Union[A, B]`, however nested.
 */
export function isResponseReturn(
  project: PythonProject,
  scope: Scope,
  annotation: Node | undefined,
  depth = 0,
): boolean {
  if (!annotation || depth > 8) return false;
  let node: Node | undefined = annotation;
  while (
    node &&
    (node.type === 'type' || node.type === 'parenthesized_expression')
  )
    node = node.firstNamedChild ?? undefined;
  if (!node) return false;
  // `A | B` is a union_type in annotations, a binary_operator in expressions.
  if (node.type === 'union_type')
    return kids(node).every(side =>
      isResponseReturn(project, scope, side, depth + 1),
    );
  if (node.type === 'binary_operator') {
    const left = field(node, 'left');
    const right = field(node, 'right');
    if (!left || !right) return false;
    const operator = node.text
      .slice(
        left.endIndex - node.startIndex,
        right.startIndex - node.startIndex,
      )
      .trim();
    return (
      operator === '|' &&
      [left, right].every(side =>
        isResponseReturn(project, scope, side, depth + 1),
      )
    );
  }
  if (node.type === 'generic_type' || node.type === 'subscript') {
    const [name] = kids(node);
    if (
      !isExternal(
        project.resolve(
          scope,
          node.type === 'subscript' ? field(node, 'value') : name,
        ),
        ['typing', 'typing_extensions'],
        ['Union'],
      )
    )
      return false;
    const members =
      node.type === 'subscript'
        ? node.childrenForFieldName('subscript').filter((n): n is Node => !!n)
        : kids(kids(node)[1] ?? node).filter(n => n.type === 'type');
    return (
      members.length > 0 &&
      members.every(member =>
        isResponseReturn(project, scope, member, depth + 1),
      )
    );
  }
  return isResponseClass(project.resolve(scope, node));
}
