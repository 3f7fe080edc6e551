import { CHECKS } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { parse as parseYaml } from 'yaml';
import {
  runFixes,
  serviceWith,
  worsenedChecks,
} from './__testUtils__/fixHarness';

const ALL = CHECKS.map(check => check.id);

describe('dependency-updates fix', () => {
  it('adds Dependabot for uv (uv.lock), the Dockerfile and the workflows of a service with all three', async () => {
    const run = await runFixes(
      serviceWith({ '.github/dependabot.yml': null }),
      ['dependency-updates'],
    );
    expect(run.report.refusals).toEqual([]);
    expect(run.statusBefore('dependency-updates')).toBe('fail');
    expect(run.statusAfter('dependency-updates')).toBe('pass');
    expect(worsenedChecks(run, ALL)).toEqual([]);
    expect(run.report.files.map(f => f.path)).toEqual([
      '.github/dependabot.yml',
    ]);
    const config = parseYaml(run.after['.github/dependabot.yml']);
    expect(
      config.updates.map((u: any) => [u['package-ecosystem'], u.directory]),
    ).toEqual([
      ['uv', '/'],
      ['docker', '/'],
      ['github-actions', '/'],
    ]);
    expect(config.updates[0]).toEqual({
      'package-ecosystem': 'uv',
      directory: '/',
      schedule: { interval: 'weekly' },
      groups: { python: { 'update-types': ['minor', 'patch'] } },
    });
  });

  it('adds only pip for a service without Dockerfile or workflows', async () => {
    const run = await runFixes(
      {
        'requirements.txt': 'fastapi==0.115.6\n',
        'main.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n',
      },
      ['dependency-updates'],
    );
    expect(run.statusAfter('dependency-updates')).toBe('pass');
    expect(
      parseYaml(run.after['.github/dependabot.yml']).updates.map(
        (u: any) => u['package-ecosystem'],
      ),
    ).toEqual(['pip']);
  });

  it('refuses to rewrite an existing Dependabot configuration without Python', async () => {
    const run = await runFixes(
      serviceWith({
        '.github/dependabot.yml':
          'version: 2\nupdates:\n  - package-ecosystem: github-actions\n    directory: /\n    schedule:\n      interval: weekly\n',
      }),
      ['dependency-updates'],
    );
    expect(run.statusBefore('dependency-updates')).toBe('warn');
    expect(run.report.files).toEqual([]);
    expect(run.report.refusals).toEqual([
      {
        checkId: 'dependency-updates',
        reason:
          '.github/dependabot.yml exists; add a pip entry to it (the fix does not rewrite an existing configuration)',
      },
    ]);
  });
});
