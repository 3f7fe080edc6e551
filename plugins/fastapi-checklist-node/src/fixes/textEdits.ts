/** A replacement of the characters [start, end) of a text (an insertion when equal). */
export type TextEdit = { start: number; end: number; text: string };

/**
 * Applies non-overlapping edits to a text; everything outside them stays as it was, byte
 * for byte.
 */
export function applyTextEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let result = '';
  let at = 0;
  for (const edit of sorted) {
    if (edit.start < at || edit.end < edit.start || edit.end > text.length)
      throw new Error('overlapping or out-of-range text edits');
    result += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return result + text.slice(at);
}

/** The line ending a file uses (CRLF when its first line ends with one). */
export function lineEndingOf(text: string): string {
  const newline = text.indexOf('\n');
  return newline > 0 && text[newline - 1] === '\r' ? '\r\n' : '\n';
}

/** The index just after the end of the line holding `index` (after its newline). */
export function endOfLine(text: string, index: number): number {
  const newline = text.indexOf('\n', index);
  return newline < 0 ? text.length : newline + 1;
}

/** The index of the start of the line holding `index`. */
export function startOfLine(text: string, index: number): number {
  return text.lastIndexOf('\n', index - 1) + 1;
}

/** Text inserted at the end of a file, after a newline if the file lacks a final one. */
export function appendLines(text: string, lines: string[]): TextEdit {
  const eol = lineEndingOf(text);
  const separator = text.length && !text.endsWith('\n') ? eol : '';
  return {
    start: text.length,
    end: text.length,
    text: separator + lines.map(line => line + eol).join(''),
  };
}
