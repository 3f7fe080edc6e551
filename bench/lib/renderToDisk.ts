import {
  buildSkeletonContext,
  parseRenderParameters,
  readSkeletonFiles,
  renderSkeleton,
} from '@fastapi-golden-path/plugin-scaffolder-backend-module-fastapi';
import fs from 'node:fs';
import path from 'node:path';
import { SKELETON_DIR } from './variants';

/** Renders the skeleton with `input` (fastapi:render's input) and writes it under dir. */
export async function renderToDisk(
  input: Record<string, unknown>,
  dir: string,
): Promise<string> {
  const files = renderSkeleton(
    await readSkeletonFiles(SKELETON_DIR),
    buildSkeletonContext(parseRenderParameters(input), {
      name: 'bench',
      version: '0',
    }),
  );
  for (const file of files) {
    const dest = path.join(dir, file.path);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.writeFileSync(dest, file.content);
  }
  return dir;
}
