import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type {
  CheckResult,
  ChecklistOptions,
  CheckStatus,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import {
  analyzeRepository,
  AnalysisLimits,
  ChecklistAnalyzer,
  treeFromDirectory,
} from '@fastapi-golden-path/plugin-fastapi-checklist-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { examples } from './checklist.examples';

const STATUS_ICON: Record<CheckStatus, string> = {
  pass: '✅',
  warn: '⚠️',
  fail: '❌',
  error: '⛔',
  'not-applicable': '➖',
  waived: '🏳️',
};

/** One report line; a waived check says whose waiver, until when and why. */
function reportLine(item: CheckResult): string {
  const line = `- ${STATUS_ICON[item.status]} **${item.title}**: ${
    item.summary
  }`;
  const { waiver } = item;
  return waiver
    ? `${line} _Waived until ${waiver.expires} by ${waiver.approvedBy}: ${waiver.reason} (really ${waiver.realStatus})._`
    : line;
}

/**
 * fastapi:checklist — evaluates the production-readiness checklist on the workspace (the
 * same analyzer the catalog card uses), outputs the score and items, and can fail the
 * task below a threshold.
 *
 * @public
 */
export function createFastapiChecklistAction(options: {
  checklist: ChecklistOptions;
  /**
   * Runs the analysis: the module's AnalysisPool (worker threads, so a large workspace
   * does not block the backend). Without one (tests), it runs in process.
   */
  analyzer?: ChecklistAnalyzer;
  /** fastapiChecklist.analysis limits for reading the workspace; defaults otherwise. */
  limits?: AnalysisLimits;
}) {
  return createTemplateAction({
    id: 'fastapi:checklist',
    description:
      'Evaluates the FastAPI production-readiness checklist on the workspace',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        path: z =>
          z
            .string({
              description: 'Directory inside the workspace to evaluate',
            })
            .default('./'),
        failBelow: z =>
          z
            .number({
              description: 'Fail the task when the score (0–100) is below this',
            })
            .min(0)
            .max(100)
            .optional(),
      },
      output: {
        score: z => z.number({ description: 'Checklist score, 0–100' }),
        items: z =>
          z.array(
            z.object({
              id: z.string(),
              title: z.string(),
              status: z.string(),
              summary: z.string(),
            }),
            { description: 'One entry per check' },
          ),
        failing: z =>
          z.array(z.string(), { description: 'Ids of checks that fail' }),
        report: z =>
          z.string({
            description: 'The checklist as Markdown, for the task output',
          }),
      },
    },
    async handler(ctx) {
      let directory: string;
      try {
        directory = resolveSafeChildPath(
          ctx.workspacePath,
          ctx.input.path ?? './',
        );
      } catch {
        throw new InputError(
          `path "${ctx.input.path}" is outside the workspace`,
        );
      }
      const tree = await treeFromDirectory(directory, options.limits);
      const result = options.analyzer
        ? await options.analyzer.analyze(tree, options.checklist)
        : await analyzeRepository(tree, options.checklist, options.limits);
      const failing = result.items
        .filter(i => i.status === 'fail')
        .map(i => i.id);
      const report = result.items.map(reportLine).join('\n');
      ctx.logger.info(
        `Checklist score ${result.score}/100${
          failing.length ? `; failing: ${failing.join(', ')}` : ''
        }`,
      );
      ctx.output('score', result.score);
      ctx.output(
        'items',
        result.items.map(({ id, title, status, summary }) => ({
          id,
          title,
          status,
          summary,
        })),
      );
      ctx.output('failing', failing);
      ctx.output('report', report);
      const failBelow = ctx.input.failBelow;
      if (failBelow !== undefined && result.score < failBelow) {
        throw new Error(
          `Checklist score ${
            result.score
          } is below the required ${failBelow}; failing checks: ${
            failing.join(', ') || 'none (warnings lowered the score)'
          }`,
        );
      }
    },
  });
}
