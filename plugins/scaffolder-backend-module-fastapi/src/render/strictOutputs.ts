/**
 * nunjitsu renders an undefined value as empty text; nunjucks' `throwOnUndefined`, which
 * skeletons were written against, refuses it. To keep that strictness every output tag
 * `${{ expr }}` is rewritten to `${{ (expr) | strictOutput }}`, a trusted filter that
 * throws on undefined and null. The rewrite only adds text inside output tags (never a
 * line break, so line numbers in errors stay true) and the result is still rendered by
 * the closed interpreter: a skeleton that confuses this scanner gets a template error,
 * never more power.
 */
export const STRICT_OUTPUT_FILTER = 'strictOutput';

/** Opening delimiters: output tag, block tag, comment. */
const OPENING = /\$\{\{|\{%|\{#/;
const RAW_START = /\{%-?\s*(raw|verbatim)\s*-?%\}/;
const RAW_END = /\{%-?\s*end(?:raw|verbatim)\s*-?%\}/;

/** Index of `close` at or after `from`, skipping quoted strings; -1 when missing. */
function indexOfClose(source: string, from: number, close: string): number {
  let quote: string | undefined;
  for (let i = from; i < source.length; i++) {
    const char = source[i];
    if (quote) {
      if (char === '\\') i++;
      else if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (source.startsWith(close, i)) {
      return i;
    }
  }
  return -1;
}

/** Index just past the end of the tag or comment opened at `start`; the source length when unclosed. */
function endOfNonOutput(source: string, start: number): number {
  if (source.startsWith('{#', start)) {
    const close = source.indexOf('#}', start + 2);
    return close < 0 ? source.length : close + 2;
  }
  const rawStart = new RegExp(RAW_START.source, 'y');
  rawStart.lastIndex = start;
  if (rawStart.test(source)) {
    const rawEnd = new RegExp(RAW_END.source, 'g');
    rawEnd.lastIndex = rawStart.lastIndex;
    const end = rawEnd.exec(source);
    return end ? end.index + end[0].length : source.length;
  }
  const close = indexOfClose(source, start + 2, '%}');
  return close < 0 ? source.length : close + 2;
}

/** Offset where the given one-based line starts. */
function lineStart(text: string, line: number): number {
  let offset = 0;
  for (let i = 1; i < line && offset >= 0; i++) {
    offset = text.indexOf('\n', offset) + 1 || -1;
  }
  return Math.max(offset, 0);
}

export type StrictSource = {
  /** The source to render. */
  text: string;
  /** The skeleton file's column for a (line, column) the engine reports in `text`. */
  sourceColumn(line: number, column: number): number;
};

/** The skeleton file's source with every output tag routed through the strict filter. */
export function withStrictOutputs(source: string): StrictSource {
  const opening = new RegExp(OPENING.source, 'g');
  const insertions: { offset: number; length: number }[] = [];
  let text = '';
  const insert = (added: string) => {
    insertions.push({ offset: text.length, length: added.length });
    text += added;
  };
  let position = 0;
  for (let match = opening.exec(source); match; match = opening.exec(source)) {
    const start = match.index;
    text += source.slice(position, start);
    if (match[0] === '${{') {
      const close = indexOfClose(source, start + 3, '}}');
      if (close < 0) {
        position = start;
        break;
      }
      const inner = source.slice(start + 3, close);
      const trimLeft = inner.startsWith('-') ? '-' : '';
      const trimRight = inner.endsWith('-') ? '-' : '';
      text += `\${{${trimLeft}`;
      insert(' (');
      text += inner.slice(trimLeft.length, inner.length - trimRight.length);
      insert(`) | ${STRICT_OUTPUT_FILTER} `);
      text += `${trimRight}}}`;
      position = close + 2;
    } else {
      position = endOfNonOutput(source, start);
      text += source.slice(start, position);
    }
    opening.lastIndex = position;
  }
  text += source.slice(position);

  return {
    text,
    sourceColumn(line, column) {
      const offset = lineStart(text, line) + column - 1;
      let removed = 0;
      for (const insertion of insertions) {
        if (insertion.offset >= offset) break;
        removed += Math.min(insertion.length, offset - insertion.offset);
      }
      return offset - removed - lineStart(source, line) + 1;
    },
  };
}
