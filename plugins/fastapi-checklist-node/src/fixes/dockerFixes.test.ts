import { CHECKS } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import {
  lineDiff,
  runFixes,
  serviceWith,
  worsenedChecks,
} from './__testUtils__/fixHarness';

const ALL = CHECKS.map(check => check.id);

const withDockerfile = (lines: string[]) =>
  serviceWith({ Dockerfile: `${lines.join('\n')}\n` });

describe('dockerfile fix', () => {
  it('closes all three gaps of a multi-stage build, reusing the user the stage creates', async () => {
    const run = await runFixes(
      withDockerfile([
        'FROM python:3.13-slim AS build',
        'RUN pip install --no-cache-dir fastapi',
        '',
        'FROM python:3.13-slim',
        'RUN useradd --create-home --uid 1000 app',
        'COPY --from=build /usr/local /usr/local',
        'COPY app ./app',
        '',
        '# Start the server.',
        'CMD fastapi run app/main.py --workers 4',
      ]),
      ['dockerfile'],
    );
    expect(run.report.refusals).toEqual([]);
    expect(run.statusBefore('dockerfile')).toBe('warn');
    expect(run.statusAfter('dockerfile')).toBe('pass');
    expect(worsenedChecks(run, ALL)).toEqual([]);
    expect(lineDiff(run.before.Dockerfile, run.after.Dockerfile)).toEqual({
      removed: ['CMD fastapi run app/main.py --workers 4'],
      added: [
        'USER 1000',
        '',
        '# The image may have no curl: ask the health route with the standard library.',
        'HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \\',
        `    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=4)"]`,
        '',
        'CMD ["fastapi", "run", "app/main.py", "--workers", "4"]',
      ],
    });
    expect(run.report.applied[0].description).toBe(
      'Dockerfile: the image runs the server as a non-root user, starts the server in exec form, so it receives the stop signal, checks http://127.0.0.1:8000/health with a HEALTHCHECK.',
    );
  });

  it('adds a user on an Alpine image and asks the health route on the configured port', async () => {
    const run = await runFixes(
      withDockerfile([
        'FROM python:3.13-alpine',
        'COPY app ./app',
        'USER root',
        'CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8080", "--workers", "2"]',
      ]),
      ['dockerfile'],
    );
    expect(run.statusAfter('dockerfile')).toBe('pass');
    expect(lineDiff(run.before.Dockerfile, run.after.Dockerfile)).toEqual({
      removed: [],
      added: [
        '# Run as an unprivileged user with a numeric id (platforms can verify it).',
        'RUN addgroup -S -g 10001 app && adduser -S -D -H -u 10001 -G app app',
        'USER 10001:10001',
        '',
        '# The image may have no curl: ask the health route with the standard library.',
        'HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \\',
        `    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8080/health', timeout=4)"]`,
        '',
      ],
    });
    expect(run.report.applied[0].notes).toEqual([
      'Files the service writes at runtime (a SQLite database, uploads) must be in a directory that user owns.',
    ]);
  });

  it("restores the golden path's USER when a render lost it", async () => {
    const run = await runFixes(
      withDockerfile([
        'FROM python:3.13-slim',
        'RUN groupadd --system --gid 10001 app \\',
        '    && useradd --system --uid 10001 --gid app --no-log-init --no-create-home app',
        'WORKDIR /app',
        'COPY app ./app',
        'EXPOSE 8000',
        'HEALTHCHECK CMD ["python", "-c", "print(1)"]',
        'CMD ["uvicorn", "app.main:app", "--workers", "4"]',
      ]),
      ['dockerfile'],
    );
    expect(run.statusAfter('dockerfile')).toBe('pass');
    expect(lineDiff(run.before.Dockerfile, run.after.Dockerfile)).toEqual({
      removed: [],
      added: ['USER 10001', ''],
    });
  });

  it('refuses shapes it does not understand, changing nothing', async () => {
    const cases: [string[], string][] = [
      [
        [
          'FROM python:3.13-slim',
          'USER app',
          'HEALTHCHECK CMD true',
          'CMD uvicorn app.main:app --port $PORT',
        ],
        'Dockerfile:4 runs `uvicorn app.main:app --port $PORT` through a shell (variables, quotes or operators); write its exec form by hand',
      ],
      [
        [
          'FROM python:3.13-slim',
          'USER app',
          'HEALTHCHECK NONE',
          'CMD ["uvicorn", "app.main:app"]',
        ],
        'Dockerfile:3 disables the health check on purpose (HEALTHCHECK NONE)',
      ],
      [
        ['FROM registry.example.com/base', 'CMD ["uvicorn", "app.main:app"]'],
        "the final stage's base image (registry.example.com/base) is not one the fix knows how to add a user to",
      ],
    ];
    for (const [lines, reason] of cases) {
      const run = await runFixes(withDockerfile(lines), ['dockerfile']);
      expect(run.report.refusals).toEqual([{ checkId: 'dockerfile', reason }]);
      expect(run.report.files).toEqual([]);
    }
  });

  it('refuses a HEALTHCHECK when the service has no health route, unless health is fixed too', async () => {
    const files = {
      ...withDockerfile([
        'FROM python:3.13-slim',
        'USER app',
        'CMD ["uvicorn", "main:app", "--workers", "2"]',
      ]),
    };
    const flat = {
      'requirements.txt': 'fastapi\n',
      'main.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n',
      Dockerfile: files.Dockerfile,
    };
    const alone = await runFixes(flat, ['dockerfile']);
    expect(alone.report.refusals).toEqual([
      {
        checkId: 'dockerfile',
        reason:
          'the service has no GET health route with a literal path for the HEALTHCHECK to ask (fix `health` first)',
      },
    ]);
    const together = await runFixes(flat, ['dockerfile', 'health']);
    expect(together.report.refusals).toEqual([]);
    expect(together.report.applied.map(a => a.checkId)).toEqual([
      'health',
      'dockerfile',
    ]);
    expect(together.statusAfter('dockerfile')).toBe('pass');
    expect(together.after.Dockerfile).toContain(
      "urlopen('http://127.0.0.1:8000/health'",
    );
  });
});

describe('workers fix', () => {
  it('adds --workers to an exec-form uvicorn command', async () => {
    const run = await runFixes(
      withDockerfile([
        'FROM python:3.13-slim',
        'USER app',
        'HEALTHCHECK CMD true',
        'CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0"]',
      ]),
      ['workers'],
    );
    expect(run.statusBefore('workers')).toBe('fail');
    expect(run.statusAfter('workers')).toBe('pass');
    expect(worsenedChecks(run, ALL)).toEqual([]);
    expect(lineDiff(run.before.Dockerfile, run.after.Dockerfile)).toEqual({
      removed: ['CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0"]'],
      added: [
        'CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--workers", "2"]',
      ],
    });
  });

  it('raises --workers 1 in place', async () => {
    const run = await runFixes(
      withDockerfile([
        'FROM python:3.13-slim',
        'USER app',
        'HEALTHCHECK CMD true',
        'CMD ["gunicorn", "-k", "uvicorn.workers.UvicornWorker", "--workers", "1", "app.main:app"]',
      ]),
      ['workers'],
    );
    expect(run.statusAfter('workers')).toBe('pass');
    expect(run.after.Dockerfile.split('\n')[3]).toBe(
      'CMD ["gunicorn", "-k", "uvicorn.workers.UvicornWorker", "--workers", "2", "app.main:app"]',
    );
  });

  it('works after the dockerfile fix turned a shell form into the exec form', async () => {
    const shell = withDockerfile([
      'FROM python:3.13-slim',
      'CMD uvicorn app.main:app',
    ]);
    const alone = await runFixes(shell, ['workers']);
    expect(alone.report.refusals).toEqual([
      {
        checkId: 'workers',
        reason:
          'Dockerfile: the command is in shell form; the `dockerfile` fix turns it into the exec form first',
      },
    ]);
    const both = await runFixes(shell, ['workers', 'dockerfile']);
    expect(both.report.refusals).toEqual([]);
    expect(both.statusAfter('workers')).toBe('pass');
    expect(both.statusAfter('dockerfile')).toBe('pass');
    expect(both.after.Dockerfile).toContain(
      'CMD ["uvicorn", "app.main:app", "--workers", "2"]\n',
    );
  });

  it('refuses --reload and a server started by a launcher script', async () => {
    const reload = await runFixes(
      withDockerfile([
        'FROM python:3.13-slim',
        'CMD ["uvicorn", "app.main:app", "--reload"]',
      ]),
      ['workers'],
    );
    expect(reload.report.refusals[0].reason).toBe(
      'the server runs with --reload, a development mode; remove it by hand before setting workers',
    );
    const script = await runFixes(
      serviceWith({
        Dockerfile: 'FROM python:3.13-slim\nCMD ["./start.sh"]\n',
        'start.sh': '#!/bin/sh\nexec uvicorn app.main:app --host 0.0.0.0\n',
      }),
      ['workers'],
    );
    expect(script.report.refusals[0].reason).toBe(
      "the server is started by start.sh, not by the Dockerfile's command; the fix only edits the Dockerfile",
    );
  });
});
