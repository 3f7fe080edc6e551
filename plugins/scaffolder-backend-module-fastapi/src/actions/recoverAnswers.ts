import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError, stringifyError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  AnalysisPool,
  inferTemplateAnswers,
  treeFromDirectory,
} from '@fastapi-golden-path/plugin-fastapi-checklist-node';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ANSWERS_FILE, parseAnswers, ServiceAnswers } from '../upgrade/answers';
import {
  answersFromCreatingTask,
  ListedTask,
  templateRef,
} from '../upgrade/answersFromTask';
import { workspaceDirectory } from './localCheckout';
import { formDisagreements } from '../upgrade/formDisagreements';
import { examples } from './recoverAnswers.examples';

/** Completed tasks read at most, newest first: a bound on one upgrade's lookups. */
const MAX_TASKS_READ = 1000;

/**
 * fastapi:answers:recover — the answers an upgrade renders with, best source first: the
 * repository's `.golden-path/answers.yaml`; for a service created before it existed, the
 * scaffolder task that created it (listed through the scaffolder's API with the
 * initiator's credentials, so only tasks they may read); failing both, the answers the
 * upgrade form was given (the card opens it filled with the answers inferred from the
 * repository), each one the repository states otherwise reported as a warning.
 *
 * @public
 */
export function createRecoverAnswersAction(options: {
  discovery: DiscoveryService;
  auth: AuthService;
  /**
   * Infers the answers the repository states: the module's AnalysisPool (a worker
   * thread). Without one (tests), in process.
   */
  inferrer?: Pick<AnalysisPool, 'inferAnswers'>;
}) {
  const { discovery, auth, inferrer } = options;
  return createTemplateAction({
    id: 'fastapi:answers:recover',
    description:
      "Finds a service's template answers: its answers file, else the scaffolder task that created it, else the form's",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        path: z =>
          z
            .string({
              description: 'The service checkout, inside the workspace',
            })
            .default('./'),
        name: z =>
          z.string({
            description: "The service's name (its Create form's name)",
          }),
        template: z =>
          z.string({
            description:
              "The Create template: an entity ref, a name, or the service's fastapi-golden-path/template annotation (name@version)",
          }),
        fallback: z =>
          z.object(
            {
              template: z.string(),
              version: z.string(),
              values: z.record(z.string(), z.unknown()),
            },
            { description: 'The answers the upgrade form was given' },
          ),
      },
      output: {
        answers: z =>
          z.object({
            template: z.string(),
            version: z.string(),
            values: z.record(z.string(), z.unknown()),
          }),
        source: z =>
          z.enum(['repository', 'task', 'form'], {
            description: 'Where the answers came from',
          }),
        taskId: z =>
          z.string({
            description: "The creating task's id ('' unless source is task)",
          }),
        disagreements: z =>
          z.array(
            z.object({
              answer: z.string(),
              form: z.unknown(),
              repository: z.unknown(),
              where: z.string(),
            }),
            {
              description:
                "With the form's answers: those the repository states otherwise (where: file:line)",
            },
          ),
      },
    },
    async handler(ctx) {
      const serviceDir = workspaceDirectory(
        ctx.workspacePath,
        ctx.input.path ?? './',
      );
      const report = (
        answers: ServiceAnswers,
        source: 'repository' | 'task' | 'form',
        taskId = '',
        disagreements: ReturnType<typeof formDisagreements> = [],
      ) => {
        ctx.output('answers', answers);
        ctx.output('source', source);
        ctx.output('taskId', taskId);
        // Plain data of this realm: the scaffolder's templating refuses arrays of
        // another (the inferred values come from a worker thread).
        ctx.output('disagreements', JSON.parse(JSON.stringify(disagreements)));
      };
      const recorded = await fs
        .readFile(path.join(serviceDir, ANSWERS_FILE))
        .catch(() => undefined);
      if (recorded) {
        ctx.logger.info(`The service records its answers in ${ANSWERS_FILE}`);
        report(parseAnswers(recorded), 'repository');
        return;
      }
      const template = templateRef(ctx.input.template);
      let found;
      try {
        const baseUrl = await discovery.getBaseUrl('scaffolder');
        const { token } = await auth.getPluginRequestToken({
          onBehalfOf: await ctx.getInitiatorCredentials(),
          targetPluginId: 'scaffolder',
        });
        found = await answersFromCreatingTask({
          name: ctx.input.name,
          template,
          maxTasks: MAX_TASKS_READ,
          listTasks: async ({ offset, limit }) => {
            const query = new URLSearchParams({
              status: 'completed',
              limit: String(limit),
              offset: String(offset),
            });
            const response = await fetch(`${baseUrl}/v2/tasks?${query}`, {
              headers: { Authorization: `Bearer ${token}` },
            });
            if (!response.ok) throw await ResponseError.fromResponse(response);
            // Parsed here, not by response.json(): values must be this realm's plain
            // arrays and objects for the scaffolder's templating of later steps.
            const body = JSON.parse(await response.text()) as {
              tasks: ListedTask[];
            };
            return body.tasks;
          },
        });
      } catch (error) {
        ctx.logger.warn(
          `Could not read the scaffolder's tasks: ${stringifyError(error)}`,
        );
      }
      if (found) {
        ctx.logger.info(
          `Answers of ${ctx.input.name} recovered from the task that created it (${found.taskId}, ${template} ${found.answers.version})`,
        );
        report(found.answers, 'task', found.taskId);
        return;
      }
      ctx.logger.info(
        `No completed task of ${template} created ${ctx.input.name} (newest ${MAX_TASKS_READ} read): the form's answers are used (created from ${ctx.input.fallback.version})`,
      );
      let disagreements: ReturnType<typeof formDisagreements> = [];
      try {
        const tree = await treeFromDirectory(serviceDir);
        const inferred = inferrer
          ? await inferrer.inferAnswers(tree)
          : await inferTemplateAnswers(tree);
        disagreements = formDisagreements(ctx.input.fallback, inferred);
      } catch (error) {
        ctx.logger.warn(
          `Could not compare the form's answers with the repository: ${stringifyError(
            error,
          )}`,
        );
      }
      for (const d of disagreements) {
        ctx.logger.warn(
          `The form's ${d.answer} is ${JSON.stringify(
            d.form,
          )}, but the repository states ${JSON.stringify(d.repository)} (${
            d.where
          }): the form's is used`,
        );
      }
      report(ctx.input.fallback, 'form', '', disagreements);
    },
  });
}
