import type { Node } from '../../python/parser';
import type { PythonModule } from '../../python/project';
import { addImport } from './insertions';
import { lineEndingOf, startOfLine, TextEdit } from '../textEdits';

/** ruff format's and isort's line length: a longer import is wrapped in parentheses. */
const LINE_LENGTH = 88;

/**
 * isort's (and ruff's `I` rules') order of imported names, `order-by-type`: CONSTANTS,
 * then Classes, then functions and variables, each group case-insensitively.
 */
function memberRank(bare: string): number {
  if (bare.length > 1 && bare === bare.toUpperCase() && /[A-Z]/.test(bare))
    return 0;
  return /^[A-Z]/.test(bare) ? 1 : 2;
}

function compareMembers(a: string, b: string): number {
  const [bareA, bareB] = [a, b].map(name => name.split(/\s+as\s+/)[0]);
  const byRank = memberRank(bareA) - memberRank(bareB);
  if (byRank) return byRank;
  const [lowerA, lowerB] = [bareA.toLowerCase(), bareB.toLowerCase()];
  if (lowerA !== lowerB) return lowerA < lowerB ? -1 : 1;
  if (bareA === bareB) return 0;
  return bareA < bareB ? -1 : 1;
}

/** The absolute name of the module a `from X import` names, seen from `module`. */
function absoluteFrom(module: PythonModule, written: string): string {
  const dots = /^\.*/.exec(written)![0].length;
  if (!dots) return written;
  const parts = module.name.split('.');
  const base = module.isPackage ? parts : parts.slice(0, -1);
  const up = base.slice(0, base.length - (dots - 1));
  const rest = written.slice(dots);
  return [...up, ...(rest ? [rest] : [])].join('.');
}

/** A top-level `from <target> import a, b` of the module, when it can be rewritten safely. */
function fromImportOf(
  module: PythonModule,
  target: PythonModule,
): Node | undefined {
  return module.tree.rootNode.namedChildren.find(statement => {
    if (statement.type !== 'import_from_statement') return false;
    const from = statement.childForFieldName('module_name');
    return (
      !!from &&
      absoluteFrom(module, from.text) === target.name &&
      // A wildcard or a comment inside the statement: leave it as written.
      !statement.namedChildren.some(
        child => child.type === 'wildcard_import' || child.type === 'comment',
      )
    );
  });
}

/** How `module` writes an import of `target`: as its other imports of that package do. */
function fromName(module: PythonModule, target: PythonModule): string {
  const top = target.name.split('.')[0];
  const absolute = [...module.imports.values()].some(
    qualified => qualified === top || qualified.startsWith(`${top}.`),
  );
  const own = module.name.split('.');
  const ownPackage = (module.isPackage ? own : own.slice(0, -1)).join('.');
  const targetParts = target.name.split('.');
  const targetPackage = targetParts.slice(0, -1).join('.');
  const relativeUsed = module.tree.rootNode.namedChildren.some(
    s =>
      s.type === 'import_from_statement' &&
      !!s.childForFieldName('module_name')?.text.startsWith('.'),
  );
  if (!absolute && relativeUsed && ownPackage && ownPackage === targetPackage)
    return `.${targetParts[targetParts.length - 1]}`;
  return target.name;
}

/**
 * Makes `module` import `names` from the project module `target`: merged into its
 * `from target import …` (sorted as isort sorts, wrapped in parentheses past the line
 * length or when it already was), else as a new line joining the import block.
 */
export function importNames(
  module: PythonModule,
  source: string,
  target: PythonModule,
  names: string[],
  usedAt: Node,
): TextEdit {
  const existing = fromImportOf(module, target);
  if (!existing) {
    const sorted = [...names].sort(compareMembers);
    return addImport(
      module,
      source,
      `from ${fromName(module, target)} import ${sorted.join(', ')}`,
      usedAt,
    );
  }
  const from = existing.childForFieldName('module_name')!.text;
  const members = [
    ...existing.childrenForFieldName('name').map(n => n.text),
    ...names,
  ].sort(compareMembers);
  const eol = lineEndingOf(source);
  const indent = source.slice(
    startOfLine(source, existing.startIndex),
    existing.startIndex,
  );
  const oneLine = `from ${from} import ${members.join(', ')}`;
  const wrapped =
    existing.text.includes('\n') ||
    indent.length + oneLine.length > LINE_LENGTH;
  const text = wrapped
    ? [
        `from ${from} import (`,
        ...members.map(m => `${indent}    ${m},`),
        `${indent})`,
      ].join(eol)
    : oneLine;
  return { start: existing.startIndex, end: existing.endIndex, text };
}
