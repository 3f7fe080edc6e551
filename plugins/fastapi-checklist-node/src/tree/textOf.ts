/**
 * A text file's content, decoded as the tools reading it would: UTF-8, or UTF-16 when it
 * starts with a UTF-16 byte-order mark (`pip freeze > requirements.txt` in Windows
 * PowerShell writes UTF-16 LE; pip decodes it by its BOM). A UTF-8 BOM is dropped.
 */
export function textOf(content: Buffer): string {
  if (content.length >= 2 && content[0] === 0xff && content[1] === 0xfe)
    return content.subarray(2).toString('utf16le');
  if (content.length >= 2 && content[0] === 0xfe && content[1] === 0xff) {
    const swapped = Buffer.from(
      content.subarray(2, content.length - (content.length % 2)),
    );
    return swapped.swap16().toString('utf16le');
  }
  if (
    content.length >= 3 &&
    content[0] === 0xef &&
    content[1] === 0xbb &&
    content[2] === 0xbf
  )
    return content.subarray(3).toString('utf8');
  return content.toString('utf8');
}
