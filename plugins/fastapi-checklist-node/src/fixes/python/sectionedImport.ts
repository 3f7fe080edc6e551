import type { Node } from '../../python/parser';
import type { PythonModule } from '../../python/project';
import { field } from '../../python/syntax';
import { TextEdit } from '../textEdits';
import { addImport, linesAfter, linesBefore } from './insertions';

/** The package a `from X import` names (`app` of `app.core.config`, `.` for a relative one). */
const packageOf = (name: string) =>
  name.startsWith('.') ? '.' : name.split('.')[0];

/**
 * A `from X import name` of the service's own code added where isort (ruff's `I` rules)
 * puts it: in its sorted place among the module's imports from the same package (or
 * after the last of them); else in a section of its own, a blank line after the
 * library imports (before the relative ones, for an absolute import). Only the
 * module-level imports above the statement that uses the name count.
 */
export function sectionedImport(
  module: PythonModule,
  source: string,
  from: string,
  name: string,
  usedAt: Node,
): TextEdit {
  const line = `from ${from} import ${name}`;
  const root = module.tree.rootNode;
  let top = usedAt;
  while (top.parent && !top.parent.is(root)) top = top.parent;
  const imports = root.namedChildren.filter(
    s =>
      (s.type === 'import_statement' || s.type === 'import_from_statement') &&
      s.endIndex <= top.startIndex,
  );
  const fromName = (s: Node) =>
    s.type === 'import_from_statement'
      ? field(s, 'module_name')?.text
      : undefined;
  const section = imports.filter(s => {
    const other = fromName(s);
    return other !== undefined && packageOf(other) === packageOf(from);
  });
  if (section.length) {
    const key = (text: string) => text.toLowerCase();
    const next = section.find(s => key(fromName(s)!) > key(from));
    return next
      ? linesBefore(source, next, [line])
      : linesAfter(source, section[section.length - 1], [line]);
  }
  const relative = imports.find(s => fromName(s)?.startsWith('.'));
  if (relative && !from.startsWith('.'))
    return linesBefore(source, relative, [line, '']);
  if (imports.length)
    return linesAfter(source, imports[imports.length - 1], ['', line]);
  return addImport(module, source, line, usedAt);
}
