import {
  buildSkeletonContext,
  parseRenderParameters,
  readSkeletonFiles,
  renderSkeleton,
} from '@fastapi-golden-path/plugin-scaffolder-backend-module-fastapi';
import path from 'node:path';

export const SKELETON_DIR = path.resolve(
  __dirname,
  '../../templates/fastapi-service/skeleton',
);

/** The 24 option combinations the golden path offers. */
export function allVariants() {
  const variants = [];
  for (const database of ['sqlite', 'postgresql', 'none'])
    for (const auth of ['jwt', 'none'])
      for (const websockets of [true, false])
        for (const backgroundTasks of [true, false])
          variants.push({ database, auth, websockets, backgroundTasks });
  return variants;
}

/** Renders every variant in memory: path → content per variant. */
export async function renderAllVariants(): Promise<Map<string, Buffer>[]> {
  const skeleton = await readSkeletonFiles(SKELETON_DIR);
  return allVariants().map(variant => {
    const params = parseRenderParameters({
      name: 'bench-service',
      owner: 'group:default/bench',
      ...variant,
    });
    const files = renderSkeleton(
      skeleton,
      buildSkeletonContext(params, { name: 'bench', version: '0' }),
    );
    return new Map(files.map(f => [f.path, f.content]));
  });
}
