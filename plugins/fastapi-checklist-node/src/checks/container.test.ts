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

  it('follows an entrypoint script the image copies from another folder (COPY misc/entrypoint.sh /)', async () => {
    const item = await checkOf('workers', {
      Dockerfile: dockerfile(
        'ENTRYPOINT ["/entrypoint.sh"]',
        'COPY misc/entrypoint.sh /\n',
      ),
      'misc/entrypoint.sh':
        '#!/bin/bash\nnginx\nexec gunicorn app.main:app -w 2 -k uvicorn.workers.UvicornWorker\n',
    });
    expect(item.status).toBe('pass');
    expect(evidenceLines(item)).toContain(
      'misc/entrypoint.sh:3 starts the server',
    );
  });
});

describe('workers: a server started from Python code (python -m / python file.py)', () => {
  const dockerfile = (cmd: string) =>
    `FROM python:3.13-slim\nUSER app\nHEALTHCHECK CMD true\n${cmd}\n`;
  const hypercornLauncher = (workers: string) => ({
    'app/__main__.py': [
      'import sys',
      'from app.serve import run',
      'if __name__ == "__main__":',
      '    sys.exit(run(sys.argv[1:]))',
    ].join('\n'),
    'app/serve.py': [
      'from hypercorn.__main__ import main',
      'class ServerConfig:',
      `    workers = ${workers}`,
      'server_config = ServerConfig()',
      'def run(argv: list[str]) -> int:',
      '    main(["app.main:app", "--config=python:app.serve.server_config", *argv])',
      '    return 0',
    ].join('\n'),
  });

  it('follows python -m into hypercorn started with a Python config object, through a launcher script', async () => {
    const item = await checkOf('workers', {
      Dockerfile: dockerfile('CMD ["./entrypoint.sh"]'),
      'entrypoint.sh':
        '#!/bin/sh\nalembic upgrade head\nexec python -m app -b :8000\n',
      ...hypercornLauncher('2'),
    });
    expect(item.status).toBe('pass');
    expect(item.summary).toBe('Dockerfile: the container runs 2 workers.');
    expect(evidenceLines(item)).toEqual([
      'Dockerfile:4 container command',
      'entrypoint.sh:3 starts the server',
      'app/serve.py:6 starts the server from code',
      'app/serve.py:3 workers = 2',
    ]);
    const single = await checkOf('workers', {
      Dockerfile: dockerfile('CMD ["./entrypoint.sh"]'),
      'entrypoint.sh': '#!/bin/sh\nexec python -m app\n',
      ...hypercornLauncher('1'),
    });
    expect(single.status).toBe('fail');
  });

  it('reads uvicorn.run(workers=…) in a file python runs', async () => {
    const run = (keywords: string) => ({
      Dockerfile: dockerfile('CMD ["python", "serve.py"]'),
      'serve.py': [
        'import uvicorn',
        'def main() -> None:',
        `    uvicorn.run("app.main:app", host="0.0.0.0"${keywords})`,
        'if __name__ == "__main__":',
        '    main()',
      ].join('\n'),
    });
    expect((await checkOf('workers', run(', workers=4'))).status).toBe('pass');
    expect(
      (await checkOf('workers', run(', workers=4, reload=True'))).status,
    ).toBe('fail');
    const one = await checkOf('workers', run(''));
    expect(one.status).toBe('fail');
    expect(one.summary).toBe('Dockerfile: the container runs a single worker.');
  });

  it('follows a console script the image runs ([project.scripts]) into the server its function starts', async () => {
    const run = (keywords: string, scripts = '[project.scripts]') => ({
      Dockerfile: dockerfile('CMD ["shop-api"]'),
      'pyproject.toml': `[project]\nname = "shop"\n\n${scripts}\n"shop-api" = "app.serve:main"\nother = "app.other:run"\n\n[build-system]\nrequires = ["hatchling"]\n`,
      'app/serve.py': [
        'import asyncio',
        '',
        'import uvicorn',
        '',
        '',
        'async def serve() -> None:',
        `    config = uvicorn.Config("app.main:app", host="0.0.0.0"${keywords})`,
        '    await uvicorn.Server(config).serve()',
        '',
        '',
        'def main() -> None:',
        '    asyncio.run(serve())',
      ].join('\n'),
    });
    const four = await checkOf('workers', run(', workers=4'));
    expect(four.status).toBe('pass');
    expect(evidenceLines(four)).toEqual([
      'Dockerfile:4 container command',
      'pyproject.toml:5 console script shop-api',
      'app/serve.py:7 starts the server from code',
    ]);
    expect(
      (await checkOf('workers', run(', workers=4', '[tool.poetry.scripts]')))
        .status,
    ).toBe('pass');
    const one = await checkOf('workers', run(''));
    expect(one.summary).toBe('Dockerfile: the container runs a single worker.');
  });

  it('finds the server a function starts although a longer path reached that function first, beyond the depth followed', async () => {
    const item = await checkOf('workers', {
      Dockerfile: dockerfile('CMD ["python", "serve.py"]'),
      'serve.py': [
        'import uvicorn',
        'def start() -> None:',
        '    uvicorn.run("app.main:app", workers=4)',
        'def serve() -> None:',
        '    start()',
        'def dispatch() -> None:',
        '    serve()',
        'def command() -> None:',
        '    dispatch()',
        'def cli() -> None:',
        '    command()',
        'if __name__ == "__main__":',
        '    cli()',
        '    serve()',
      ].join('\n'),
    });
    expect(item.status).toBe('pass');
    expect(item.summary).toBe('Dockerfile: the container runs 4 workers.');
  });
});

describe('dockerfile: the lowercase name docker build falls back to', () => {
  it('judges a lowercase `dockerfile` as the image, for workers too', async () => {
    const overrides = {
      Dockerfile: null,
      dockerfile:
        'FROM python:3.13-slim\nCMD ["gunicorn", "app.main:app", "--workers", "4", "-k", "uvicorn.workers.UvicornWorker"]\n',
    };
    const image = await checkOf('dockerfile', overrides);
    expect(image.status).toBe('warn');
    expect(image.summary).toMatch(
      /^dockerfile \(the image that runs the service\)/,
    );
    expect((await checkOf('workers', overrides)).status).toBe('pass');
  });
});
