import type { Node } from '../python/parser';
import type { PythonProject, Scope } from '../python/project';
import { descendants, field, kids, stringValue } from '../python/syntax';

/** `request.headers`, `self.headers`, `headers`: an object whose name says it holds headers. */
const HEADERS = /(^|\.)headers$/;

/** The nodes naming a header read from headers: `headers.get(X)`, `headers[X]`. */
function headerNameNodes(body: Node): Node[] {
  const named: Node[] = [];
  for (const call of descendants(body, 'call')) {
    const callee = field(call, 'function');
    if (
      callee?.type !== 'attribute' ||
      field(callee, 'attribute')?.text !== 'get' ||
      !HEADERS.test(field(callee, 'object')?.text ?? '')
    )
      continue;
    const args = field(call, 'arguments');
    const first = args ? kids(args)[0] : undefined;
    if (first && first.type !== 'keyword_argument') named.push(first);
  }
  for (const subscript of descendants(body, 'subscript')) {
    const index = field(subscript, 'subscript');
    if (HEADERS.test(field(subscript, 'value')?.text ?? '') && index)
      named.push(index);
  }
  return named;
}

/**
 * A function's body with the header names its reads give by a constant written out:
 * `request.headers.get(const.AUTH_KEY)` reads as `request.headers.get("X-Token")` when
 * `AUTH_KEY = "X-Token"` in the module `const` (or `AUTH_HEADER` in its own module), so
 * the text tests that recognise a credential read see the header a literal would name.
 * Names that are not module-level string constants stay as written.
 */
export function bodyWithHeaderNames(
  project: PythonProject,
  scope: Scope,
  func: Node,
): string {
  const body = field(func, 'body');
  if (!body) return '';
  const written: { start: number; end: number; text: string }[] = [];
  for (const node of headerNameNodes(body)) {
    if (node.type !== 'identifier' && node.type !== 'attribute') continue;
    const symbol = project.resolve(project.scopeAt(scope.module, node), node);
    const value =
      symbol?.kind === 'value' ? stringValue(symbol.node) : undefined;
    if (value === undefined) continue;
    written.push({
      start: node.startIndex - body.startIndex,
      end: node.endIndex - body.startIndex,
      text: JSON.stringify(value),
    });
  }
  let text = body.text;
  for (const { start, end, text: literal } of written.sort(
    (a, b) => b.start - a.start,
  ))
    text = text.slice(0, start) + literal + text.slice(end);
  return text;
}
