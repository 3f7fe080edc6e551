import {
  buildSkeletonContext,
  parseRenderParameters,
  readSkeletonFiles,
  renderSkeleton,
} from '@fastapi-golden-path/plugin-scaffolder-backend-module-fastapi';
import fs from 'node:fs';
import path from 'node:path';
import { SKELETON_DIR } from './templateDirectory';

export type RenderedFile = ReturnType<typeof renderSkeleton>[number];

/**
 * Reads a skeleton once (the template's current one unless told otherwise) and returns a
 * function that renders it in memory for a fastapi:render input: the files the action
 * writes, except the catalog-info.yaml it generates beside them. `version` is the
 * provenance stamped into the files (a released skeleton renders with its own).
 */
export async function skeletonRenderer(
  options: { skeletonDir?: string; version?: string } = {},
): Promise<(input: Record<string, unknown>) => RenderedFile[]> {
  const skeleton = await readSkeletonFiles(options.skeletonDir ?? SKELETON_DIR);
  return input =>
    renderSkeleton(
      skeleton,
      buildSkeletonContext(parseRenderParameters(input), {
        name: 'fastapi-service',
        version: options.version ?? 'verification',
      }),
    );
}

/** Writes rendered files under dir and returns dir. */
export function writeFiles(files: RenderedFile[], dir: string): string {
  for (const file of files) {
    const dest = path.join(dir, file.path);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.writeFileSync(dest, file.content, { mode: file.mode });
  }
  return dir;
}
