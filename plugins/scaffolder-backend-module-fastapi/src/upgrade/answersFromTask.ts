import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import semver from 'semver';
import type { ServiceAnswers } from './answers';

/** A scaffolder task as GET /v2/tasks lists it (the fields read here). */
export type ListedTask = {
  id: string;
  status?: string;
  spec?: {
    parameters?: Record<string, unknown>;
    templateInfo?: {
      entityRef?: string;
      entity?: { metadata?: { annotations?: Record<string, string> } };
    };
  };
};

/** One page of completed tasks, newest first. */
export type ListTasksPage = (page: {
  offset: number;
  limit: number;
}) => Promise<ListedTask[]>;

/** The answers fastapi:render records (its context's `values`), in its order. */
export const RECORDED_ANSWER_KEYS = [
  'name',
  'description',
  'owner',
  'system',
  'lifecycle',
  'pythonVersion',
  'database',
  'auth',
  'resource',
  'websockets',
  'backgroundTasks',
  'corsOrigins',
  'workers',
] as const;

const VERSION_ANNOTATION = 'fastapi-golden-path/version';
const PAGE_SIZE = 100;

/**
 * The Create template's entity ref from what names it: an entity ref, a name, or the
 * service's `fastapi-golden-path/template` annotation (`<name>@<version>`).
 */
export function templateRef(value: string): string {
  return stringifyEntityRef(
    parseEntityRef(value.split('@')[0], {
      defaultKind: 'template',
      defaultNamespace: 'default',
    }),
  );
}

/**
 * The answers of a service created before repositories recorded them, from the
 * scaffolder task that created it: the newest completed task of the Create template whose
 * `name` parameter is the service's. The scaffolder keeps each task's form values
 * (`spec.parameters`, never its secrets) and the template's annotations at the time
 * (`spec.templateInfo.entity`), which give the version it was created from. Reads at
 * most `maxTasks` tasks; undefined when none matches.
 */
export async function answersFromCreatingTask(options: {
  listTasks: ListTasksPage;
  /** The service's name (its entity's metadata.name, the Create form's `name`). */
  name: string;
  /** The Create template's entity ref. */
  template: string;
  maxTasks: number;
}): Promise<{ taskId: string; answers: ServiceAnswers } | undefined> {
  const { listTasks, name, template, maxTasks } = options;
  for (let offset = 0; offset < maxTasks; offset += PAGE_SIZE) {
    const tasks = await listTasks({
      offset,
      limit: Math.min(PAGE_SIZE, maxTasks - offset),
    });
    for (const task of tasks) {
      const { parameters, templateInfo } = task.spec ?? {};
      const version =
        templateInfo?.entity?.metadata?.annotations?.[VERSION_ANNOTATION];
      if (
        task.status === 'completed' &&
        parameters?.name === name &&
        templateInfo?.entityRef === template &&
        typeof version === 'string' &&
        semver.valid(version) === version
      ) {
        const values: Record<string, unknown> = {};
        for (const key of RECORDED_ANSWER_KEYS) {
          if (parameters[key] !== undefined) values[key] = parameters[key];
        }
        return {
          taskId: task.id,
          answers: {
            template: parseEntityRef(template).name,
            version,
            values,
          },
        };
      }
    }
    if (tasks.length < PAGE_SIZE) return undefined;
  }
  return undefined;
}
