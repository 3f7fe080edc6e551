/** A router module of about `bytes` bytes: many small routes, like real code. */
export function largeRouterModule(bytes: number, tag: string): string {
  const lines = ['from fastapi import APIRouter', 'router = APIRouter()', ''];
  let size = 0;
  for (let n = 0; size < bytes; n++) {
    const route = `@router.get("/${tag}/${n}")\ndef ${tag}_${n}(item_id: int) -> dict[str, int]:\n    return {"id": item_id, "n": ${n}}\n\n`;
    lines.push(route);
    size += route.length;
  }
  return lines.join('\n');
}
