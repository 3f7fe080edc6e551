import {
  analyzeFiles,
  checkOf,
  evidenceLines,
} from '../__fixtures__/analyzeFixture';
import { goodService } from '../__fixtures__/goodService';

const appImage = goodService.Dockerfile;

describe('dockerfile and workers judge the image that runs the app (issue 12)', () => {
  it('ignores database, nginx and devcontainer images, and names the judged file', async () => {
    const item = await checkOf('dockerfile', {
      'db/Dockerfile': 'FROM postgres:16\n',
      'nginx/Dockerfile': 'FROM nginx:1.27\nCMD nginx -g "daemon off;"\n',
      '.devcontainer/Dockerfile':
        'FROM mcr.microsoft.com/devcontainers/python:3\n',
    });
    expect(item.status).toBe('pass');
    expect(item.summary).toBe(
      'Dockerfile runs as a non-root user, with an exec-form command and a HEALTHCHECK.',
    );
  });

  it('judges Dockerfile.prod rather than the development Dockerfile', async () => {
    const workers = await checkOf('workers', {
      Dockerfile:
        'FROM python:3.13-slim\nCMD ["uvicorn", "app.main:app", "--reload"]\n',
      'Dockerfile.prod': appImage,
    });
    expect(workers.status).toBe('pass');
    expect(workers.summary).toBe(
      'Dockerfile.prod: the container runs 4 workers.',
    );
  });

  it('fails --reload together with --workers: uvicorn runs one process', async () => {
    const item = await checkOf('workers', {
      Dockerfile: appImage.replace(
        'CMD ["fastapi", "run", "app/main.py", "--workers", "4"]',
        'CMD uvicorn app.main:app --reload --workers 4',
      ),
    });
    expect(item.status).toBe('fail');
    expect(item.summary).toBe(
      'Dockerfile: the server runs with --reload, which starts one process whatever --workers says.',
    );
  });

  it("follows compose's command into a launcher script and gunicorn's config module", async () => {
    const files = {
      Dockerfile: null,
      'Dockerfile.prod':
        'FROM python:3.13-slim\nRUN useradd app\nUSER app\nHEALTHCHECK CMD true\n',
      'docker-compose.prod.yml': [
        'services:',
        '  app:',
        '    build:',
        '      context: .',
        '      dockerfile: Dockerfile.prod',
        '    command:',
        '      - entrypoints/gunicorn.sh',
      ].join('\n'),
      'entrypoints/gunicorn.sh': [
        '#!/usr/bin/env bash',
        'DEFAULT_CONF=/src/gunicorn/gunicorn_conf.py',
        'export GUNICORN_CONF=${GUNICORN_CONF:-$DEFAULT_CONF}',
        'gunicorn -k uvicorn.workers.UvicornWorker -c "$GUNICORN_CONF" app.main:app',
      ].join('\n'),
      'gunicorn/gunicorn_conf.py': [
        'import multiprocessing',
        'cores = multiprocessing.cpu_count()',
        'workers = max(cores * 2 + 1, 2)',
        'logconfig = "/src/logging_production.ini"',
      ].join('\n'),
    };
    const workers = await checkOf('workers', files);
    expect(workers.status).toBe('pass');
    expect(evidenceLines(workers)).toEqual([
      'docker-compose.prod.yml:6 compose builds Dockerfile.prod and runs',
      'entrypoints/gunicorn.sh:4 starts the server',
      'gunicorn/gunicorn_conf.py:3 gunicorn config',
    ]);
    const main = goodService['app/main.py']
      .replace('import logging.config\n', '')
      .replace('    logging.config.dictConfig({"version": 1})\n', '');
    const logging = await checkOf('logging', { ...files, 'app/main.py': main });
    expect(logging.status).toBe('pass');
    expect(evidenceLines(logging)).toEqual([
      'gunicorn/gunicorn_conf.py:4 gunicorn logconfig',
    ]);
  });
  it('reads docker-compose-dev.yaml as a compose file when finding the command that starts the image', async () => {
    const workers = await checkOf('workers', {
      Dockerfile: 'FROM python:3.13-slim\nRUN useradd app\nUSER app\n',
      'docker-compose-dev.yaml': [
        'services:',
        '  api:',
        '    build: .',
        '    command: uvicorn app.main:app --host 0.0.0.0 --workers 3',
      ].join('\n'),
    });
    expect(workers.status).toBe('pass');
    expect(evidenceLines(workers)[0]).toBe(
      'docker-compose-dev.yaml:4 compose builds Dockerfile and runs',
    );
  });
  it("does not take a compose job that runs the image for migrations for the image's own command", async () => {
    const compose = (job: string) =>
      [
        'services:',
        '  api:',
        '    build: .',
        '  migrate:',
        '    build: .',
        `    command: ${job}`,
      ].join('\n');
    const image =
      'FROM python:3.13-slim\nRUN useradd app\nUSER app\nCMD ["uvicorn", "app.main:app", "--workers", "4"]\n';
    const workers = await checkOf('workers', {
      Dockerfile: image,
      'docker-compose.yml': compose('alembic upgrade head'),
    });
    expect(workers.status).toBe('pass');
    expect(evidenceLines(workers)[0]).toBe('Dockerfile:4 container command');
    // A console script as CMD (no server word) keeps the image's command too.
    const script = await checkOf('workers', {
      Dockerfile: image.replace(
        'CMD ["uvicorn", "app.main:app", "--workers", "4"]',
        'CMD ["my-service"]',
      ),
      'docker-compose.yml': compose(
        '["python", "-m", "alembic", "upgrade", "head"]',
      ),
    });
    expect(evidenceLines(script)[0]).toBe('Dockerfile:4 container command');
    // A compose command that migrates and then starts the server is the command.
    const both = await checkOf('workers', {
      Dockerfile: image.replace(
        'CMD ["uvicorn", "app.main:app", "--workers", "4"]',
        'CMD ["my-service"]',
      ),
      'docker-compose.yml': compose(
        'sh -c "alembic upgrade head && uvicorn app.main:app --workers 2"',
      ),
    });
    expect(evidenceLines(both)[0]).toBe(
      'docker-compose.yml:6 compose builds Dockerfile and runs',
    );
  });
  it("takes a Dockerfile elsewhere in the repository that copies the service's folder", async () => {
    const result = await analyzeFiles({
      'backend/pyproject.toml': '[project]\nname = "api"\n',
      'backend/api/__init__.py': '',
      'backend/api/main.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n',
      'frontend/Dockerfile':
        'FROM node:22\nCOPY . /app\nCMD ["npm", "start"]\n',
      'deploy/images/Dockerfile': [
        'FROM node:22 AS web',
        'COPY frontend/ /web',
        'FROM python:3.12-slim',
        'COPY backend/api /srv/api',
        'COPY --from=web /web/dist /srv/api/static',
        'ENTRYPOINT ["uvicorn", "api.main:app"]',
      ].join('\n'),
    });
    expect(result.serviceRoots).toEqual(['backend']);
    const dockerfile = result.items.find(i => i.id === 'dockerfile');
    expect(dockerfile?.status).toBe('warn');
    expect(dockerfile?.summary).toBe(
      'deploy/images/Dockerfile (the image that runs the service) has 2 hardening gap(s).',
    );
  });
});
