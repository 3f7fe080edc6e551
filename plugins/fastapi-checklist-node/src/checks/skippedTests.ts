import type { Node } from '../python/parser';
import type { PythonModule } from '../python/project';
import { kids } from '../python/syntax';

/**
 * A skip marker that always applies: `pytest.mark.skip` (bare or called, `reason=` or not)
 * or `unittest.skip(…)`. Conditional ones (`skipif`, `skipUnless`, `xfail`) run the test
 * somewhere, so they are not counted.
 */
const UNCONDITIONAL_SKIP =
  /^(?:pytest\.mark\.skip|mark\.skip|unittest\.skip|skip)\b/;

function markerText(decorator: Node): string {
  // `@pytest.mark.skip(reason="…")` → `pytest.mark.skip(reason="…")`
  return decorator.text.replace(/^@\s*/, '');
}

function decoratorsOf(definition: Node): Node[] {
  const parent = definition.parent;
  return parent?.type === 'decorated_definition'
    ? kids(parent).filter(k => k.type === 'decorator')
    : [];
}

function hasUnconditionalSkip(definition: Node): boolean {
  return decoratorsOf(definition).some(d =>
    UNCONDITIONAL_SKIP.test(markerText(d)),
  );
}

/** `pytestmark = pytest.mark.skip(…)` (or a list holding one) skips the whole module. */
function moduleSkipped(module: PythonModule): boolean {
  const marks = module.scope.assignments.get('pytestmark');
  if (!marks) return false;
  const values = marks.type === 'list' ? kids(marks) : [marks];
  return values.some(v => UNCONDITIONAL_SKIP.test(v.text));
}

/**
 * Whether pytest never runs this test function: it, its enclosing class or its module
 * carries an unconditional skip marker. Such a test proves nothing about the app.
 */
export function skippedUnconditionally(
  func: Node,
  module: PythonModule,
): boolean {
  if (hasUnconditionalSkip(func)) return true;
  for (let node = func.parent; node; node = node.parent) {
    if (node.type === 'class_definition' && hasUnconditionalSkip(node))
      return true;
  }
  return moduleSkipped(module);
}
