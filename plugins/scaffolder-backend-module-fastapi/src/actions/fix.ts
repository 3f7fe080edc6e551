import type { ChecklistOptions } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import {
  AnalysisLimits,
  FIXABLE_CHECKS,
  fixRepository,
  treeFromDirectory,
} from '@fastapi-golden-path/plugin-fastapi-checklist-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { fixBranchName, fixDescription } from '../fix/fixDescription';
import { writeFixedFiles } from '../fix/writeFixedFiles';
import { examples } from './fix.examples';
import { workspaceDirectory } from './localCheckout';

/**
 * fastapi:fix — applies the automatic fixes of failing checklist items to a service
 * checkout: edits made on the syntax tree (tree-sitter, dockerfile-ast), each kept only
 * when re-running the checklist on the result proves it. Writes the changed files (not in
 * a dry run) and outputs them, the verdicts expected to change, the checks refused and a
 * description for the change. Fails when no fix could be applied.
 *
 * @public
 */
export function createFastapiFixAction(options: {
  checklist: ChecklistOptions;
  limits?: AnalysisLimits;
}) {
  return createTemplateAction({
    id: 'fastapi:fix',
    description:
      'Applies the automatic fixes of failing FastAPI checklist items to a service checkout, each proven by re-running the checklist',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        checks: z =>
          z
            .array(z.string(), {
              description: `Ids of the checks to fix (with a fix: ${FIXABLE_CHECKS.join(
                ', ',
              )})`,
            })
            .min(1),
        path: z =>
          z
            .string({
              description: 'The service checkout, inside the workspace',
            })
            .default('./'),
      },
      output: {
        changed: z =>
          z.array(z.string(), {
            description: 'Files written (added or changed)',
          }),
        deleted: z => z.array(z.string(), { description: 'Files removed' }),
        fixed: z =>
          z.array(
            z.object({ id: z.string(), from: z.string(), to: z.string() }),
            { description: 'The checks expected to change, and how' },
          ),
        refusals: z =>
          z.array(z.object({ checkId: z.string(), reason: z.string() }), {
            description: 'Checks not fixed, with the reason',
          }),
        branch: z =>
          z.string({ description: 'golden-path/fix-<check>…, for the change' }),
        title: z => z.string({ description: 'A title for the change' }),
        description: z =>
          z.string({
            description: 'Markdown explaining the fixes, for the change',
          }),
      },
    },
    async handler(ctx) {
      const directory = workspaceDirectory(
        ctx.workspacePath,
        ctx.input.path ?? './',
      );
      const tree = await treeFromDirectory(directory, options.limits);
      const report = await fixRepository(
        tree,
        ctx.input.checks,
        options.checklist,
      );
      for (const refusal of report.refusals)
        ctx.logger.warn(`Not fixed: ${refusal.checkId}: ${refusal.reason}`);
      if (!report.applied.length)
        throw new Error(
          `No fix could be applied: ${report.refusals
            .map(r => `${r.checkId}: ${r.reason}`)
            .join('; ')}`,
        );
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would change ${report.files.map(f => f.path).join(', ')}`,
        );
      } else {
        await writeFixedFiles(directory, report.files);
      }
      for (const fix of report.applied)
        ctx.logger.info(
          `Fixed ${fix.checkId} (${fix.before} → ${fix.after}): ${fix.description}`,
        );
      const ids = report.applied.map(a => a.checkId);
      ctx.output(
        'changed',
        report.files.filter(f => !('deleted' in f)).map(f => f.path),
      );
      ctx.output(
        'deleted',
        report.files.filter(f => 'deleted' in f).map(f => f.path),
      );
      ctx.output(
        'fixed',
        report.applied.map(a => ({
          id: a.checkId,
          from: a.before,
          to: a.after,
        })),
      );
      ctx.output('refusals', report.refusals);
      ctx.output('branch', fixBranchName(report));
      ctx.output(
        'title',
        `Fix the readiness check${ids.length > 1 ? 's' : ''} ${ids.join(', ')}`,
      );
      ctx.output('description', fixDescription(report));
    },
  });
}
