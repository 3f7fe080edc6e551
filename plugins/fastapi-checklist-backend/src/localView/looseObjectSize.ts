import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/**
 * Compressed bytes read to find a loose object's header (`blob <size>\0`): the header
 * comes first in the zlib stream, after at most a few hundred bytes of Huffman tables.
 */
const HEADER_PREFIX_BYTES = 1024;

/** The longest header git writes: the longest type name, a 20-digit size and the NUL. */
const MAX_HEADER_LENGTH = 'commit '.length + 20 + 1;

const OID = /^[0-9a-f]{40}$/;

/**
 * The size of a loose git object as its header declares it, read from the first
 * compressed bytes of `<gitdir>/objects/xx/yyyy` only, so the size of a file of any
 * length is known without inflating it. Undefined when the object is not stored loose
 * (it is in a pack), or its header cannot be read.
 */
export async function looseObjectSize(
  gitdir: string,
  oid: string,
): Promise<{ type: string; size: number } | undefined> {
  if (!OID.test(oid)) return undefined;
  const file = path.join(gitdir, 'objects', oid.slice(0, 2), oid.slice(2));
  const handle = await fs.promises.open(file, 'r').catch(() => undefined);
  if (!handle) return undefined;
  let prefix: Buffer;
  try {
    const buffer = Buffer.alloc(HEADER_PREFIX_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    prefix = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  let inflated: Buffer;
  try {
    // A truncated stream inflates as far as it goes with a sync flush, instead of failing.
    inflated = zlib.inflateSync(prefix, {
      finishFlush: zlib.constants.Z_SYNC_FLUSH,
    });
  } catch {
    return undefined;
  }
  const header = inflated
    .subarray(0, MAX_HEADER_LENGTH)
    .toString('latin1')
    .match(/^(blob|tree|commit|tag) (\d+)\0/);
  return header ? { type: header[1], size: Number(header[2]) } : undefined;
}
