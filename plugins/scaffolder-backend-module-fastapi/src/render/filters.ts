/**
 * Filters that turn untrusted text into a literal of the target language. Skeleton
 * files must pass user-supplied strings through one of these: the value is data, so
 * quotes, backslashes, newlines and template delimiters stay inert.
 *
 * @public
 */
export const skeletonFilters: Record<string, (value: unknown) => string> = {
  /** A Python double-quoted string literal (JSON escapes are valid Python escapes). */
  py: value => JSON.stringify(String(value)),
  /**
   * A YAML double-quoted scalar on one line: JSON's escapes are all YAML escapes, and
   * unlike a folded scalar it cannot break the surrounding indentation.
   */
  yaml: value => JSON.stringify(String(value)),
  /** A TOML basic string; DEL is the one control character JSON leaves raw. */
  toml: value => JSON.stringify(String(value)).replace(/\u007f/g, '\\u007F'),
  /** Any value as JSON. */
  json: value => JSON.stringify(value),
  /** Markdown text: ASCII punctuation backslash-escaped, lines kept, indentation dropped. */
  md: value =>
    String(value)
      .split(/\r\n|\r|\n/)
      .map(line => line.trim().replace(/[\\`*_{}[\]()#+\-.!|<>~&$=]/g, '\\$&'))
      .join('\n'),
  /** The text on a single line: whitespace runs collapsed. */
  oneline: value => String(value).replace(/\s+/g, ' ').trim(),
};
