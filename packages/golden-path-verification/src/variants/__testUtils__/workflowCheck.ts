import fs from 'node:fs';
import path from 'node:path';
import { runStep, StepContext, StepError } from './runStep';

const WORKFLOW = '.github/workflows/ci.yml';
const DEPENDABOT = '.github/dependabot.yml';

/** `uses: owner/repo@<40 hex>  # vX.Y.Z`: an action pinned by commit, its tag named. */
const PINNED_USE =
  /^\s*(?:-\s+)?uses:\s+[\w.-]+\/[\w./-]+@[0-9a-f]{40}\s+#\s+v\d+\.\d+\.\d+\s*$/;

/**
 * The generated workflow and Dependabot config against the JSON schemas
 * check-jsonschema vendors (GitHub workflow, Dependabot v2), every action pinned by
 * commit with its tag in a comment, and Dependabot covering pip, Docker and Actions.
 */
export async function checkWorkflow(ctx: StepContext): Promise<string> {
  await runStep(
    ctx,
    'workflow',
    [
      'check-jsonschema',
      '--builtin-schema',
      'vendor.github-workflows',
      WORKFLOW,
    ],
    { timeoutMs: 60_000 },
  );
  await runStep(
    ctx,
    'workflow',
    ['check-jsonschema', '--builtin-schema', 'vendor.dependabot', DEPENDABOT],
    { timeoutMs: 60_000 },
  );
  const workflow = fs.readFileSync(path.join(ctx.cwd, WORKFLOW), 'utf8');
  const uses = workflow
    .split('\n')
    .filter(line => /^\s*(-\s+)?uses:/.test(line));
  const unpinned = uses.filter(line => !PINNED_USE.test(line));
  const dependabot = fs.readFileSync(path.join(ctx.cwd, DEPENDABOT), 'utf8');
  const missing = ['pip', 'docker', 'github-actions'].filter(
    ecosystem =>
      !new RegExp(`package-ecosystem:\\s*"?${ecosystem}"?\\s*$`, 'm').test(
        dependabot,
      ),
  );
  if (!uses.length || unpinned.length || missing.length)
    throw new StepError(
      ctx.variant,
      'workflow',
      `${WORKFLOW}, ${DEPENDABOT}`,
      [...unpinned, ...missing.map(m => `dependabot: no ${m} updates`)].join(
        '\n',
      ),
      uses.length
        ? 'actions must be pinned by commit SHA with a "# vX.Y.Z" comment, and Dependabot must update pip, docker and github-actions'
        : 'the workflow uses no actions',
    );
  return `${uses.length} actions pinned`;
}
