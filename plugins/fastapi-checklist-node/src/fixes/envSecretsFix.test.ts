import { CHECKS } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import {
  lineDiff,
  runFixes,
  serviceWith,
  worsenedChecks,
} from './__testUtils__/fixHarness';

const ALL = CHECKS.map(check => check.id);

/** Settings whose SECRET_KEY has no committed default: only the repository's files can fail. */
const strictSettings = (overrides: Record<string, string | null>) =>
  serviceWith({
    'app/config.py': serviceWith()['app/config.py'].replace(
      'SECRET_KEY: str = "changethis"',
      'SECRET_KEY: str',
    ),
    ...overrides,
  });

describe('env-secrets fix', () => {
  it('git-ignores .env, keeping the rest of .gitignore as it was', async () => {
    const run = await runFixes(
      strictSettings({ '.gitignore': '.venv/\n__pycache__/' }),
      ['env-secrets'],
    );
    expect(run.report.refusals).toEqual([]);
    expect(run.statusBefore('env-secrets')).toBe('warn');
    expect(run.statusAfter('env-secrets')).toBe('pass');
    expect(worsenedChecks(run, ALL)).toEqual([]);
    expect(run.after['.gitignore']).toBe(
      '.venv/\n__pycache__/\n# Local settings and secrets: never committed.\n.env\n',
    );
  });

  it('creates .gitignore and removes a committed .env, asking to rotate its secrets', async () => {
    const run = await runFixes(
      strictSettings({
        '.gitignore': null,
        '.env': 'SECRET_KEY=s3cr3t-from-prod\n',
      }),
      ['env-secrets'],
    );
    expect(run.statusBefore('env-secrets')).toBe('fail');
    expect(run.statusAfter('env-secrets')).toBe('pass');
    expect(run.report.files).toEqual([
      { path: '.env', deleted: true },
      {
        path: '.gitignore',
        content: '# Local settings and secrets: never committed.\n.env\n',
      },
    ]);
    expect(run.report.applied[0].notes).toEqual([
      ".env held secrets and stays in the repository's history: rotate every secret it held.",
    ]);
  });

  it('is refused as a whole when the check would still warn after it (a placeholder default the settings refuse)', async () => {
    // The token moves to a settings field, but SECRET_KEY's "changethis" (refused by a
    // validator outside development) keeps the check at warn: nothing is offered.
    const config = serviceWith()['app/config.py'];
    const run = await runFixes(
      serviceWith({
        '.gitignore': '.venv/\n',
        'app/config.py': `${config}\nAPI_TOKEN = "ghp_realTokenValue1234567890"\n`,
      }),
      ['env-secrets'],
    );
    expect(run.statusBefore('env-secrets')).toBe('fail');
    expect(run.report.files).toEqual([]);
    expect(run.report.refusals).toHaveLength(1);
    expect(run.report.refusals[0].reason).toMatch(
      /^after the fix the check would still be warn: /,
    );
    expect(lineDiff(run.before['.gitignore'], run.after['.gitignore'])).toEqual(
      {
        removed: [],
        added: [],
      },
    );
  });
});
