import type { Node } from '../python/parser';
import { nodesOf, PythonModule } from '../python/project';
import { callParts, dottedName, field, kids } from '../python/syntax';

/** A class attribute's default value, where it is written. */
export type FieldDefault = { module: PythonModule; node: Node };

/**
 * The value a call leaves when nothing is set: `Field(default=…)`/`Field(…)`,
 * `os.environ.get("X", …)`/`os.getenv("X", …)`, `config("X", default=…)`; the node itself
 * for anything else.
 */
export function defaultOf(value: Node): Node | undefined {
  if (value.type !== 'call') return value;
  const parts = callParts(value);
  const callee = dottedName(parts.callee) ?? '';
  const name = callee.split('.').pop() ?? '';
  if (name === 'Field')
    return parts.keywords.get('default') ?? parts.positional[0];
  if (/(^|\.)(getenv|environ\.get|get)$/.test(callee) || name === 'config')
    return parts.keywords.get('default') ?? parts.positional[1];
  return value;
}

/**
 * The default of the class attribute an expression such as `settings.CORS_ORIGINS`
 * reads, looked up by attribute name in the classes of `modules` (settings objects are
 * usually built by a cached factory, so the instance cannot be followed to its class).
 */
export function settingsFieldDefault(
  modules: PythonModule[],
  expression: Node | undefined,
): FieldDefault | undefined {
  const dotted = dottedName(expression);
  if (!dotted || !dotted.includes('.')) return undefined;
  const attribute = dotted.split('.').pop()!;
  for (const module of modules) {
    for (const cls of nodesOf(module, 'class_definition')) {
      const body = field(cls, 'body');
      for (const statement of body ? kids(body) : []) {
        if (statement.type !== 'expression_statement') continue;
        const [assignment] = kids(statement);
        if (assignment?.type !== 'assignment') continue;
        if (field(assignment, 'left')?.text !== attribute) continue;
        const right = field(assignment, 'right');
        const value = right && defaultOf(right);
        if (value) return { module, node: value };
      }
    }
  }
  return undefined;
}
