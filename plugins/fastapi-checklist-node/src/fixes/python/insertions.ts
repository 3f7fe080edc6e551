import type { Node } from '../../python/parser';
import type { PythonModule } from '../../python/project';
import { directoryOf } from '../../tree/relativePaths';
import { endOfLine, lineEndingOf, startOfLine, TextEdit } from '../textEdits';

const IMPORTS = new Set([
  'import_statement',
  'import_from_statement',
  'future_import_statement',
]);

/** Lines inserted after the line a statement ends on (a newline first if the file lacks one). */
export function linesAfter(
  source: string,
  statement: Node,
  lines: string[],
): TextEdit {
  const eol = lineEndingOf(source);
  const at = endOfLine(source, statement.endIndex);
  const needsNewline = at === source.length && !source.endsWith('\n');
  return {
    start: at,
    end: at,
    text: (needsNewline ? eol : '') + lines.map(l => l + eol).join(''),
  };
}

/** Lines inserted before the line a statement starts on. */
export function linesBefore(
  source: string,
  statement: Node,
  lines: string[],
): TextEdit {
  const eol = lineEndingOf(source);
  const at = startOfLine(source, statement.startIndex);
  return { start: at, end: at, text: lines.map(l => l + eol).join('') };
}

/**
 * An import added to the module's top-level imports before `usedAt`: in its sorted place
 * among the `from` imports of its package, else after the last of them (after the
 * docstring, or at the top, when none comes before), so it joins the import block and
 * binds the name before the statement that uses it runs.
 */
export function addImport(
  module: PythonModule,
  source: string,
  line: string,
  usedAt: Node,
): TextEdit {
  const root = module.tree.rootNode;
  const statements = root.namedChildren;
  // The top-level statement holding the use (a factory's def, or the statement itself).
  let top = usedAt;
  while (top.parent && !top.parent.is(root)) top = top.parent;
  const imports = statements.filter(
    s => IMPORTS.has(s.type) && s.endIndex <= top.startIndex,
  );
  const sorted = sortedPlace(imports, line);
  if (sorted) return linesBefore(source, sorted, [line]);
  if (imports.length)
    return linesAfter(source, imports[imports.length - 1], [line]);
  const first = statements.find(s => s.type !== 'comment');
  if (
    first?.type === 'expression_statement' &&
    first.firstNamedChild?.type === 'string'
  ) {
    const eol = lineEndingOf(source);
    const edit = linesAfter(source, first, [line]);
    return { ...edit, text: eol + edit.text };
  }
  return { start: 0, end: 0, text: line + lineEndingOf(source) };
}

/** The package a `from X import` names (`app` of `app.routers`, `.` for a relative one). */
const packageOf = (name: string) =>
  name.startsWith('.') ? '.' : name.split('.')[0];

/**
 * Where a `from X import …` line goes so the import block stays sorted as isort and
 * ruff's `I` rules sort it: before the first `from` import of the same package (the
 * first-party or relative section) whose module sorts after X. Undefined when the block
 * has no `from` import of that package, or X sorts last among them (then it is appended).
 */
function sortedPlace(imports: Node[], line: string): Node | undefined {
  const added = /^from (\S+) import /.exec(line)?.[1];
  if (!added) return undefined;
  const key = (name: string) => name.toLowerCase();
  return imports.find(statement => {
    if (statement.type !== 'import_from_statement') return false;
    const name = statement.childForFieldName('module_name')?.text;
    return (
      !!name && packageOf(name) === packageOf(added) && key(name) > key(added)
    );
  });
}

/**
 * A new module beside `module`: its path, and how `module` imports a name from it, in
 * the module's own style: absolute (`from app.health import …`) when it already imports
 * its package absolutely, relative inside a package otherwise, absolute for a top-level
 * script such as main.py.
 */
export function siblingModule(
  module: PythonModule,
  baseName: string,
): { path: string; importFrom: string } {
  const directory = directoryOf(module.path);
  const parts = module.name.split('.');
  const packageName = (module.isPackage ? parts : parts.slice(0, -1)).join('.');
  const absolute = packageName ? `${packageName}.${baseName}` : baseName;
  const importsPackageAbsolutely =
    !!packageName &&
    module.tree.rootNode.namedChildren.some(statement => {
      const from =
        statement.type === 'import_from_statement'
          ? statement.childForFieldName('module_name')
          : null;
      return (
        from?.type === 'dotted_name' &&
        (from.text === packageName || from.text.startsWith(`${packageName}.`))
      );
    });
  return {
    path: directory ? `${directory}/${baseName}.py` : `${baseName}.py`,
    importFrom:
      !packageName || importsPackageAbsolutely ? absolute : `.${baseName}`,
  };
}
