import type { Node } from '../../python/parser';
import { endOfLine, startOfLine, TextEdit } from '../textEdits';

/** ruff format's default line length (the skeleton's). */
export const RUFF_LINE_LENGTH = 88;

/** The line length ruff formats a service with: `line-length` of ruff.toml or [tool.ruff], else 88. */
export function ruffLineLength(
  files: Map<string, Buffer>,
  root: string,
): number {
  const prefix = root ? `${root}/` : '';
  for (const name of ['ruff.toml', '.ruff.toml', 'pyproject.toml']) {
    let text = files.get(`${prefix}${name}`)?.toString('utf8');
    if (text === undefined) continue;
    if (name === 'pyproject.toml') {
      const section = /^\[tool\.ruff\]\s*$/m.exec(text);
      if (!section) continue;
      text = text.slice(section.index + section[0].length).split(/^\[/m)[0];
    }
    const length = /^\s*line-length\s*=\s*(\d+)/m.exec(text);
    if (length) return Number(length[1]);
  }
  return RUFF_LINE_LENGTH;
}

/** Brackets ruff lays out: on one line, or one item a line. */
const BRACKETS = new Set([
  'argument_list',
  'list',
  'tuple',
  'dictionary',
  'set',
  'parenthesized_expression',
]);

const spansLines = (node: Node) => node.text.includes('\n');
/** A trailing comma before the closing bracket: ruff keeps the bracket expanded. */
const hasMagicComma = (source: string, node: Node) =>
  source
    .slice(node.startIndex, node.endIndex - 1)
    .trimEnd()
    .endsWith(',');

/** The lines around [start, end) as they read once `edit` is applied. */
function editedLines(source: string, edit: TextEdit): string[] {
  const from = startOfLine(source, edit.start);
  let to = endOfLine(source, edit.end);
  if (source[to - 1] === '\n') to--;
  return (
    source.slice(from, edit.start) +
    edit.text +
    source.slice(edit.end, to)
  )
    .split('\n')
    .map(line => line.replace(/\r$/, ''));
}

/**
 * An edit inside `node` checked against what `ruff format` would make of it, so a file
 * ruff left as it is stays that way: a bracket ruff had split over three lines (items on
 * one line of their own, no trailing comma) is joined back onto one line when the edit
 * lets it fit, as ruff would join it; an edit that makes a line too long, or sits in an
 * outer bracket ruff might lay out again, is refused (the reason completes "the secret at
 * X:N …").
 */
export function keepLayout(
  source: string,
  node: Node,
  edit: TextEdit,
  lineLength: number,
): TextEdit | { refused: string } {
  let bracket = node.parent;
  while (bracket && !BRACKETS.has(bracket.type)) {
    if (bracket.type === 'block' || bracket.type === 'module') {
      bracket = null;
      break;
    }
    bracket = bracket.parent;
  }
  for (
    let outer = bracket?.parent ?? null;
    outer && outer.type !== 'block' && outer.type !== 'module';
    outer = outer.parent
  ) {
    if (
      BRACKETS.has(outer.type) &&
      spansLines(outer) &&
      !hasMagicComma(source, outer)
    )
      return {
        refused:
          'sits in nested brackets ruff format may lay out again once it changes',
      };
  }
  if (bracket && spansLines(bracket) && !hasMagicComma(source, bracket)) {
    const inner =
      source.slice(bracket.startIndex + 1, edit.start) +
      edit.text +
      source.slice(edit.end, bracket.endIndex - 1);
    const items = inner
      .split('\n')
      .map(l => l.trim())
      .filter(Boolean);
    if (items.length !== 1 || inner.includes('#'))
      return {
        refused: 'sits in a bracket laid out in a way the fix does not rewrite',
      };
    const joined = `${source[bracket.startIndex]}${items[0]}${
      source[bracket.endIndex - 1]
    }`;
    const [joinedLine] = editedLines(source, {
      start: bracket.startIndex,
      end: bracket.endIndex,
      text: joined,
    });
    if (joinedLine.length <= lineLength)
      return { start: bracket.startIndex, end: bracket.endIndex, text: joined };
  }
  const tooLong = editedLines(source, edit).some(l => l.length > lineLength);
  return tooLong
    ? {
        refused: `would leave a line longer than ${lineLength} characters, which ruff format would wrap again`,
      }
    : edit;
}
