import type { ChecklistOptions } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createFastapiChecklistAction } from '../actions/checklist';

/** Runs fastapi:checklist on a workspace the way the task runner would. */
export async function runChecklist(
  options: {
    input: Record<string, unknown>;
    workspacePath: string;
    checklist?: ChecklistOptions;
  } & Pick<
    Parameters<typeof createFastapiChecklistAction>[0],
    'analyzer' | 'limits'
  >,
) {
  const outputs: Record<string, any> = {};
  const ctx = createMockActionContext({
    input: options.input as any,
    workspacePath: options.workspacePath,
  });
  ctx.output = (name: string, value: unknown) => {
    outputs[name] = value;
  };
  await createFastapiChecklistAction({
    checklist: options.checklist ?? {},
    analyzer: options.analyzer,
    limits: options.limits,
  }).handler(ctx as any);
  return outputs;
}
