import type { Node } from '../../python/parser';
import { endOfLine, startOfLine, TextEdit } from '../textEdits';

/**
 * The removal of one argument of a call that keeps others: the whole line when the
 * argument has a line of its own (a call written one argument a line), else the
 * argument with the comma and spaces that follow it (or, for the last one, the comma
 * before it), so the call reads as if the argument had never been written. The syntax
 * tree keeps named nodes only, so commas are found in the text beside the argument.
 */
export function removeArgument(source: string, argument: Node): TextEdit {
  let after = argument.endIndex;
  while (source[after] === ' ' || source[after] === '\t') after++;
  const comma = source[after] === ',';
  const end = comma ? after + 1 : argument.endIndex;
  const lineStart = startOfLine(source, argument.startIndex);
  if (
    source.slice(lineStart, argument.startIndex).trim() === '' &&
    /^[ \t]*\r?\n/.test(source.slice(end))
  )
    return { start: lineStart, end: endOfLine(source, end), text: '' };
  if (comma) {
    let next = end;
    while (source[next] === ' ') next++;
    return { start: argument.startIndex, end: next, text: '' };
  }
  let before = argument.startIndex;
  while (before > 0 && /\s/.test(source[before - 1])) before--;
  return {
    start: source[before - 1] === ',' ? before - 1 : argument.startIndex,
    end: argument.endIndex,
    text: '',
  };
}
