/**
 * The template's answers as a service repository states them, for a service created
 * before its answers were recorded: each value with the file and line it was read from.
 * A field the repository does not state unambiguously is absent (never a guess), so the
 * upgrade form shows its default there.
 *
 * @public
 */
export type InferredAnswers = {
  /** The Create form's answers (template.yaml's parameter names). */
  [K in keyof InferableAnswerValues]?: InferredAnswer<InferableAnswerValues[K]>;
};

/**
 * One inferred answer and where the repository states it.
 *
 * @public
 */
export type InferredAnswer<T> = {
  value: T;
  /** Relative to the repository root. */
  path: string;
  /** 1-based. */
  line: number;
};

/**
 * The answers an inference may claim: the Create form's (template.yaml) and the
 * template version the service was created from (`createdFrom`, as the upgrade form
 * names it).
 *
 * @public
 */
export type InferableAnswerValues = {
  name: string;
  description: string;
  owner: string;
  system: string;
  lifecycle: string;
  createdFrom: string;
  database: 'sqlite' | 'postgresql' | 'none';
  auth: 'jwt' | 'none';
  resource: string;
  websockets: boolean;
  backgroundTasks: boolean;
  corsOrigins: string[];
  pythonVersion: string;
  workers: number;
};

/**
 * The upgrade template's own form fields (templates/fastapi-service/upgrade.yaml): the
 * others come from the service's catalog entry when the upgrade runs.
 *
 * @public
 */
export const UPGRADE_FORM_ANSWERS = [
  'createdFrom',
  'database',
  'auth',
  'resource',
  'websockets',
  'backgroundTasks',
  'corsOrigins',
  'pythonVersion',
  'workers',
] as const satisfies readonly (keyof InferableAnswerValues)[];

/**
 * The upgrade form's values for inferred answers: what the card passes as `formData`.
 *
 * @public
 */
export function upgradeFormValues(
  inferred: InferredAnswers | undefined,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const key of UPGRADE_FORM_ANSWERS) {
    const answer = inferred?.[key];
    if (answer) values[key] = answer.value;
  }
  return values;
}
