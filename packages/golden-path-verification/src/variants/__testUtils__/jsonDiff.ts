/**
 * Where two JSON values differ, as JSON-pointer-like paths with both sides; object key
 * order is ignored, array order is not. Empty when they are equal.
 */
export function jsonDifferences(
  expected: unknown,
  actual: unknown,
  path = '',
  out: string[] = [],
  limit = 50,
): string[] {
  if (out.length >= limit) return out;
  const show = (v: unknown) =>
    v === undefined ? '(missing)' : JSON.stringify(v)?.slice(0, 300);
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (Array.isArray(expected) && Array.isArray(actual)) {
    for (let i = 0; i < Math.max(expected.length, actual.length); i++)
      jsonDifferences(expected[i], actual[i], `${path}/${i}`, out, limit);
  } else if (isObject(expected) && isObject(actual)) {
    for (const key of new Set([
      ...Object.keys(expected),
      ...Object.keys(actual),
    ]))
      jsonDifferences(
        expected[key],
        actual[key],
        `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`,
        out,
        limit,
      );
  } else if (JSON.stringify(expected) !== JSON.stringify(actual)) {
    out.push(`${path || '/'}: file ${show(expected)} ≠ served ${show(actual)}`);
  }
  return out;
}
