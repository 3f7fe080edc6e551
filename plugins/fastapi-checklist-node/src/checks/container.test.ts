import { checkOf, evidenceLines } from '../__fixtures__/analyzeFixture';

describe('dockerfile', () => {
  it('fails without a Dockerfile', async () => {
    expect((await checkOf('dockerfile', { Dockerfile: null })).summary).toBe(
      'No Dockerfile found.',
    );
  });

  it('warns on root user, shell-form CMD and missing HEALTHCHECK, with lines', async () => {
    const item = await checkOf('dockerfile', {
      Dockerfile:
        'FROM python:3.13-slim\nCOPY . /app\nCMD fastapi run app/main.py --workers 2\n',
    });
    expect(item.status).toBe('warn');
    expect(evidenceLines(item)).toEqual([
      'Dockerfile:1 the final stage never sets a non-root USER',
      'Dockerfile:3 shell-form command: signals do not reach the server',
      'Dockerfile:1 no HEALTHCHECK',
    ]);
  });

  it('looks at the final stage only of a multi-stage build', async () => {
    const item = await checkOf('dockerfile', {
      Dockerfile: [
        'FROM python:3.13 AS build',
        'USER builder',
        'HEALTHCHECK CMD true',
        'FROM python:3.13-slim',
        'USER root',
        'CMD ["fastapi", "run"]',
      ].join('\n'),
    });
    expect(evidenceLines(item)).toEqual([
      'Dockerfile:5 USER root runs as root',
      'Dockerfile:4 no HEALTHCHECK',
    ]);
  });
});

describe('workers', () => {
  const dockerfile = (cmd: string, extra = '') =>
    `FROM python:3.13-slim\n${extra}USER app\nHEALTHCHECK CMD true\n${cmd}\n`;

  it.each([
    ['CMD ["fastapi", "run", "app/main.py", "--workers", "4"]', '', 'pass'],
    ['CMD ["uvicorn", "app.main:app", "--workers=3"]', '', 'pass'],
    [
      'CMD ["gunicorn", "-k", "uvicorn.workers.UvicornWorker", "-w", "5", "app.main:app"]',
      '',
      'pass',
    ],
    ['CMD gunicorn -w $WORKERS app.main:app', 'ENV WORKERS=6\n', 'pass'],
    ['CMD ["uvicorn", "app.main:app"]', 'ENV WEB_CONCURRENCY=3\n', 'pass'],
    ['CMD ["fastapi", "run", "app/main.py", "--workers", "1"]', '', 'fail'],
    ['CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0"]', '', 'fail'],
  ])('%s %s → %s', async (cmd, extra, status) => {
    expect(
      (await checkOf('workers', { Dockerfile: dockerfile(cmd, extra) })).status,
    ).toBe(status);
  });

  it('reads workers from a gunicorn config module', async () => {
    const item = await checkOf('workers', {
      Dockerfile: dockerfile(
        'CMD ["gunicorn", "-c", "gunicorn.conf.py", "app.main:app"]',
      ),
      'gunicorn.conf.py':
        'import multiprocessing\nworkers = multiprocessing.cpu_count() * 2 + 1\n',
    });
    expect(item.status).toBe('pass');
  });

  it('says a single worker is one worker', async () => {
    const item = await checkOf('workers', {
      Dockerfile: dockerfile('CMD ["fastapi", "run", "--workers", "1"]'),
    });
    // Issue 12: the summary names the judged Dockerfile.
    expect(item.summary).toBe(
      'Dockerfile: the container runs a single worker.',
    );
    expect(evidenceLines(item)).toEqual(['Dockerfile:4 container command']);
  });
});
