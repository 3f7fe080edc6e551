import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { FastapiFormClient } from './FastapiFormClient';

export function localNameTakenMessage(name: string): string {
  return `The local target already has a repository named "${name}"; go back to Service and choose another name`;
}

/**
 * On Next: refuses a target that cannot publish (GitHub without credentials, with the
 * setting to change) and, for the local target, a name its root already has.
 */
export const validatePublishTarget: CustomFieldValidator<string> = async (
  value,
  validation,
  context,
) => {
  const client = FastapiFormClient.fromApis(context.apiHolder);
  const targets = await client.publishTargets();
  const target = targets[value as keyof typeof targets];
  if (!target) {
    validation.addError(`Unknown publish target "${value}"`);
    return;
  }
  if (!target.available) {
    validation.addError(target.reason);
    return;
  }
  const name = context.formData?.name;
  if (
    value === 'local' &&
    typeof name === 'string' &&
    name &&
    (await client.localRepositoryExists(name))
  ) {
    validation.addError(localNameTakenMessage(name));
  }
};
