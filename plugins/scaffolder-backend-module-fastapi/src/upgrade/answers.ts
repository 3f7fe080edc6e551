import { InputError } from '@backstage/errors';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod/v3';
import semver from 'semver';

/** Where a generated repository records how it was made (the skeleton renders it). */
export const ANSWERS_FILE = '.golden-path/answers.yaml';
/** An answers file is a few hundred bytes; anything far larger is not one. */
const MAX_ANSWERS_BYTES = 64 * 1024;

/** How a service was generated: template, version and every form answer. */
export type ServiceAnswers = {
  template: string;
  version: string;
  values: Record<string, unknown>;
};

/**
 * A released template version. It names a folder (`releases/<version>/skeleton`), so only
 * a strict semantic version is accepted: never a path.
 */
export function releaseVersion(value: unknown, where: string): string {
  if (typeof value !== 'string' || semver.valid(value) !== value) {
    throw new InputError(
      `${where}: the template version must be a semantic version such as 0.2.0 (got ${JSON.stringify(
        value,
      )})`,
    );
  }
  return value;
}

const answersSchema = z
  .object({
    template: z.string().min(1),
    version: z.string(),
    answers: z.record(z.string(), z.unknown()),
  })
  .strict();

/** Parses a repository's answers file, with a message naming what is wrong. */
export function parseAnswers(content: Buffer): ServiceAnswers {
  if (content.length > MAX_ANSWERS_BYTES) {
    throw new InputError(
      `${ANSWERS_FILE} is larger than ${MAX_ANSWERS_BYTES} bytes: not an answers file`,
    );
  }
  let data: unknown;
  try {
    data = parseYaml(content.toString('utf8'));
  } catch (error) {
    throw new InputError(
      `${ANSWERS_FILE} is not valid YAML: ${(error as Error).message}`,
    );
  }
  const result = answersSchema.safeParse(data);
  if (!result.success) {
    throw new InputError(
      `${ANSWERS_FILE} is invalid: ${result.error.issues
        .map(issue => `${issue.path.join('.') || 'file'}: ${issue.message}`)
        .join('; ')}`,
    );
  }
  return {
    template: result.data.template,
    version: releaseVersion(result.data.version, ANSWERS_FILE),
    values: result.data.answers,
  };
}
