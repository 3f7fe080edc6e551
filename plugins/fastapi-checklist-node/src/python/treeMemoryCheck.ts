import type { Language, Parser } from 'web-tree-sitter';
import { copiesAlike } from './plainTree';
import { TreeMemory } from './treeMemory';
import type { CursorExports } from './wasmCursor';

/**
 * Python that exercises what the heap reader must get right: aliases (`match` blocks,
 * `print` as a name, parenthesised splats), fields set through hidden rules, comments
 * (extras) between children and arguments, syntax errors, f-strings and astral characters
 * (ranges are UTF-16 code units).
 */
export const PROBE_SOURCE = [
  'from . import a as b, c  # 🐍',
  'import x.y as z',
  '@app.get("/items/{id}", dependencies=[Depends(auth)])  # route',
  'async def read(id: int = 0, *args, q: "ünï" = None, **kw) -> dict[str, int]:',
  '    """Doc."""',
  '    global g',
  '    print(f"{id!r:>10} é {q}", *args, sep="")',
  '    match id:',
  '        case [1, *rest] if rest: return {"k": (*rest,)}',
  '        case {"a": 1, **others}: pass',
  '        case Point(x=0) | None as p: yield p',
  '    async with lock as (l, m), other():',
  '        try:',
  '            x = [i for i in range(3) if i  # inner',
  '                 ]',
  '        except* (ValueError, TypeError) as e:',
  '            raise HTTPException(status_code=401) from e',
  '        finally:',
  '            del x[0], y.z',
  '    return lambda a, /, b=1: a if b else not a in b is not None',
  'class Settings(BaseSettings, metaclass=Meta):',
  '    secret: str = Field(default="s3cr3t")',
  '    type Alias = list[int]',
  'exec = print',
  'value: int = 1 if x else 2; other = yield_ = (yield)',
  'def broken(:',
  '    return [1, 2',
  '',
].join('\n');

/**
 * A heap reader for this parser's language, when it copies the probe exactly as the
 * cursor walk does; otherwise undefined (the copy keeps using the cursor).
 */
export function treeMemoryOf(
  moduleOptions: object,
  parser: Parser,
  language: Language,
  cursorCalls: CursorExports | undefined,
): TreeMemory | undefined {
  const heap = moduleOptions as Partial<{
    HEAPU8: Uint8Array;
    HEAPU16: Uint16Array;
    HEAPU32: Uint32Array;
  }>;
  if (!heap.HEAPU8 || !heap.HEAPU16 || !heap.HEAPU32 || !cursorCalls)
    return undefined;
  const memory = TreeMemory.of(
    heap as Required<typeof heap>,
    (language as unknown as { 0: number })[0],
  );
  if (!memory) return undefined;
  try {
    return copiesAlike(parser, language, cursorCalls, memory, PROBE_SOURCE)
      ? memory
      : undefined;
  } catch {
    // A layout this reader does not know can read anything: keep the cursor.
    return undefined;
  }
}
