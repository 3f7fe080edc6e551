/** Generated hostile inputs (never committed as blobs): each reproduces an issue-13 attack. */

/** `X = 1 + 1 + …` with `terms` terms: a left-nested tree as deep as it is long. */
export function deepExpression(terms: number): string {
  return `X = ${Array.from({ length: terms }, () => '1').join(' + ')}\n`;
}

/** A router module of about `bytes` bytes: many small routes, like real code. */
export function largeRouterModule(bytes: number, tag = 'r'): string {
  const lines = ['from fastapi import APIRouter', 'router = APIRouter()', ''];
  let size = 0;
  for (let n = 0; size < bytes; n++) {
    const route = `@router.get("/${tag}/${n}")\ndef ${tag}_${n}(item_id: int) -> dict[str, int]:\n    return {"id": item_id, "n": ${n}}\n\n`;
    lines.push(route);
    size += route.length;
  }
  return lines.join('\n');
}

/** `a.a.a…a.router` with `links` links: an attribute chain as deep as it is long. */
export function attributeChain(links: number, last = 'router'): string {
  return `${'a.'.repeat(links - 1)}${last}`;
}

/**
 * `f0` … `f<depth>`, each calling the next `calls` times: a call graph whose paths from
 * f0 number calls^depth.
 */
export function fanOutCalls(depth: number, calls: number): string {
  const functions = Array.from(
    { length: depth },
    (_, d) =>
      `def f${d}():\n${Array.from(
        { length: calls },
        () => `    f${d + 1}()`,
      ).join('\n')}\n`,
  );
  return `${functions.join('\n')}\ndef f${depth}():\n    pass\n`;
}
