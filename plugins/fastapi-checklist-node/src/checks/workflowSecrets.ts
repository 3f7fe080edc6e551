import type { Evidence } from '@fastapi-golden-path/plugin-fastapi-checklist-common';

/** CI configuration files whose steps run shell (GitHub Actions workflows, GitLab CI). */
const WORKFLOW_FILE =
  /(^|\/)(\.github\/workflows\/[^/]+\.ya?ml|\.gitlab-ci\.ya?ml)$/;

/**
 * `echo "KEY=value" >> .env` (or `> path/.env.production`): a line of a step's script
 * writing one variable into an env file; not `$GITHUB_ENV` or `$GITHUB_OUTPUT`, which
 * pass values between steps.
 */
const ENV_FILE_WRITE =
  /\b(?:echo|printf)\s+(["']?)([A-Za-z_][A-Za-z0-9_]*)=(.*?)\1\s*>>?\s*([^\s;&|]*\.env[\w.-]*)(?=$|[\s;&|])/g;

/** A value taken from elsewhere: `${{ secrets.X }}`, `$VAR`, `${VAR}`, or nothing. */
const NOT_LITERAL = /^\s*$|\$\{\{|^\$\{?\w+\}?$/;

/** The workflow runs the test suite (its literals are then for that run). */
const RUNS_TESTS = /\b(pytest|tox|nox|unittest)\b/;

export type WorkflowSecret = Evidence & {
  /** The workflow also runs the tests: a value for its own test run. */
  forTests: boolean;
};

/**
 * Secrets a committed CI workflow writes as literals into an env file
 * (`echo "APIKEY=…" >> .env` in a deploy script): committed secrets like a committed
 * env file's.
 */
export function workflowEnvFileSecrets(
  files: Map<string, Buffer>,
  isSecretName: (name: string) => boolean,
): WorkflowSecret[] {
  const found: WorkflowSecret[] = [];
  for (const [path, content] of files) {
    if (!WORKFLOW_FILE.test(path)) continue;
    const text = content.toString('utf8');
    if (!/\.env/.test(text)) continue;
    const forTests = RUNS_TESTS.test(text);
    text.split('\n').forEach((line, index) => {
      for (const match of line.matchAll(ENV_FILE_WRITE)) {
        const [, , key, value, target] = match;
        if (!isSecretName(key) || NOT_LITERAL.test(value)) continue;
        found.push({
          path,
          line: index + 1,
          message: `${key} is written into ${target
            .split('/')
            .pop()} as a literal by a committed workflow${
            forTests ? ' (for its test run)' : ''
          }`,
          forTests,
        });
      }
    });
  }
  return found;
}
