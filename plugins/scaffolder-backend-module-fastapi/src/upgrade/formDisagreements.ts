import type {
  InferableAnswerValues,
  InferredAnswers,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';

/** An answer the upgrade form gives otherwise than the service's repository states it. */
export type FormDisagreement = {
  answer: keyof InferableAnswerValues;
  form: unknown;
  repository: unknown;
  /** Where the repository states it: `file:line`. */
  where: string;
};

/**
 * Same data, whatever realm built it: the form's values come through the scaffolder's
 * templating and inferred ones from a worker thread, so prototypes may differ.
 */
const sameValue = (a: unknown, b: unknown) =>
  JSON.stringify(a) === JSON.stringify(b);

/**
 * The form's answers (and the version it says the service was created from) that differ
 * from what the repository states: with no answers file and no creating task, the
 * form's are used, and each difference is worth a look before the change is reviewed.
 */
export function formDisagreements(
  form: { version: string; values: Record<string, unknown> },
  inferred: InferredAnswers,
): FormDisagreement[] {
  return Object.entries(inferred).flatMap(([key, answer]) => {
    const answerKey = key as keyof InferableAnswerValues;
    const given =
      answerKey === 'createdFrom' ? form.version : form.values[answerKey];
    if (!answer || given === undefined || sameValue(given, answer.value))
      return [];
    return [
      {
        answer: answerKey,
        form: given,
        repository: answer.value,
        where: `${answer.path}:${answer.line}`,
      },
    ];
  });
}
