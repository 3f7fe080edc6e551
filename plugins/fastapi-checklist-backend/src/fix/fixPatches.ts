import { createTwoFilesPatch } from 'diff';
import type { FileEdit } from '@fastapi-golden-path/plugin-fastapi-checklist-node';
import type { FixPreview } from '@fastapi-golden-path/plugin-fastapi-checklist-common';

/** Lines of context around each change, as git shows them. */
const CONTEXT = 3;

/**
 * The fix report's changed files as unified diffs against the repository as read
 * (`git diff`'s a/ and b/ names; /dev/null for an added or removed file).
 */
export function fixPatches(
  original: ReadonlyMap<string, Buffer>,
  edits: readonly FileEdit[],
): FixPreview['files'] {
  return edits.map(edit => {
    const before = original.get(edit.path);
    const oldText = before?.toString('utf8') ?? '';
    const deleted = 'deleted' in edit;
    const newText = deleted ? '' : edit.content;
    const diff = createTwoFilesPatch(
      before ? `a/${edit.path}` : '/dev/null',
      deleted ? '/dev/null' : `b/${edit.path}`,
      oldText,
      newText,
      undefined,
      undefined,
      { context: CONTEXT },
    );
    return { path: edit.path, deleted, diff };
  });
}
