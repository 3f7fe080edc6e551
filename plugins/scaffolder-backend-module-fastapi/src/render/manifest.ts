import { InputError } from '@backstage/errors';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod/v3';
import { confinedRelativePath } from './paths';
import type { SkeletonContext } from './context';

export const MANIFEST_FILE = 'manifest.yaml';

const conditionValue = z.union([z.string(), z.boolean(), z.number()]);

const manifestSchema = z
  .object({
    files: z
      .array(
        z
          .object({
            path: z.string().min(1),
            when: z
              .record(z.string(), z.array(conditionValue).min(1))
              .optional(),
            rename: z.string().min(1).optional(),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();

export type ManifestEntry = z.infer<typeof manifestSchema>['files'][number];

/** Placeholders a rename may use: identifiers the renderer already validated. */
const RENAME_PLACEHOLDERS: Record<string, (ctx: SkeletonContext) => string> = {
  'resource.plural': ctx => ctx.resource.plural,
  'resource.singular': ctx => ctx.resource.singular,
  'names.module': ctx => ctx.names.module,
};

/**
 * The skeleton's manifest: which files exist for which option values, and which are
 * renamed after the resource. Conditions are plain data (value lists), never code.
 */
export class SkeletonManifest {
  private constructor(private readonly entries: ManifestEntry[]) {}

  static parse(
    source: string | undefined,
    knownValues: string[],
  ): SkeletonManifest {
    if (source === undefined) return new SkeletonManifest([]);
    let data: unknown;
    try {
      data = parseYaml(source);
    } catch (error) {
      throw new InputError(
        `Skeleton ${MANIFEST_FILE} is not valid YAML: ${
          (error as Error).message
        }`,
      );
    }
    const result = manifestSchema.safeParse(data ?? {});
    if (!result.success) {
      const issues = result.error.issues.map(
        i => `${i.path.join('.')}: ${i.message}`,
      );
      throw new InputError(
        `Skeleton ${MANIFEST_FILE} is invalid: ${issues.join('; ')}`,
      );
    }
    for (const entry of result.data.files) {
      confinedRelativePath(entry.path, `${MANIFEST_FILE} path`);
      for (const key of Object.keys(entry.when ?? {})) {
        if (!knownValues.includes(key)) {
          throw new InputError(
            `Skeleton ${MANIFEST_FILE} entry "${
              entry.path
            }" has a condition on unknown value "${key}"; known: ${knownValues.join(
              ', ',
            )}`,
          );
        }
      }
      for (const [, placeholder] of (entry.rename ?? '').matchAll(
        /\{([^}]*)\}/g,
      )) {
        if (!(placeholder in RENAME_PLACEHOLDERS)) {
          throw new InputError(
            `Skeleton ${MANIFEST_FILE} entry "${
              entry.path
            }" renames with unknown placeholder {${placeholder}}; known: ${Object.keys(
              RENAME_PLACEHOLDERS,
            )
              .map(p => `{${p}}`)
              .join(', ')}`,
          );
        }
      }
    }
    return new SkeletonManifest(result.data.files);
  }

  /** The output path of a skeleton file, or undefined when the options exclude it. */
  outputPath(
    skeletonPath: string,
    context: SkeletonContext,
  ): string | undefined {
    const entry = this.entries.find(e =>
      e.path.endsWith('/')
        ? skeletonPath.startsWith(e.path)
        : skeletonPath === e.path,
    );
    if (!entry) return skeletonPath;
    const values = context.values as Record<string, unknown>;
    const included = Object.entries(entry.when ?? {}).every(([key, allowed]) =>
      allowed.includes(values[key] as string | boolean | number),
    );
    if (!included) return undefined;
    if (!entry.rename) return skeletonPath;
    const rename = entry.rename.replace(
      /\{([^}]*)\}/g,
      (_, placeholder: string) => RENAME_PLACEHOLDERS[placeholder](context),
    );
    const renamed = entry.path.endsWith('/')
      ? rename.replace(/\/?$/, '/') + skeletonPath.slice(entry.path.length)
      : rename;
    return confinedRelativePath(renamed, `${MANIFEST_FILE} rename`);
  }
}
