import { checkOf } from '../__fixtures__/analyzeFixture';
import { goodService } from '../__fixtures__/goodService';
import { isDockerfilePath } from '../docker/dockerfileFacts';

const appImage = goodService.Dockerfile;

/**
 * `docker build -f Dockerfile_fastapi .` and compose's `dockerfile: Dockerfile-api` take
 * any name; `Dockerfile_<suffix>` and `Dockerfile-<suffix>` are the usual ones beside
 * `Dockerfile.<suffix>` (the twelfth corpus round's MLOps service builds its only image
 * from `Dockerfile_fastapi`).
 */
describe('Dockerfiles named with an underscore or a hyphen', () => {
  it('takes Dockerfile_<name> and Dockerfile-<name> for Dockerfiles, not look-alikes', () => {
    expect(isDockerfilePath('Dockerfile_fastapi')).toBe(true);
    expect(isDockerfilePath('deploy/Dockerfile-api')).toBe(true);
    expect(isDockerfilePath('Dockerfile.prod')).toBe(true);
    expect(isDockerfilePath('Dockerfiles/readme.md')).toBe(false);
    expect(isDockerfilePath('DockerfileGenerator.py')).toBe(false);
    expect(isDockerfilePath('docs/Dockerfile_notes.md')).toBe(false);
  });

  it("leaves out BuildKit's per-Dockerfile ignore files", async () => {
    expect(isDockerfilePath('Dockerfile.dockerignore')).toBe(false);
    expect(isDockerfilePath('api.Dockerfile.dockerignore')).toBe(false);
    // An ignore file beside the image is not judged as a second image without a command.
    const item = await checkOf('dockerfile', {
      'Dockerfile.dockerignore': '**/__pycache__\n.env\n',
    });
    expect(item.status).toBe('pass');
    expect(item.summary).toContain('Dockerfile runs as a non-root user');
  });

  it('judges the image of Dockerfile_fastapi when it is the only one', async () => {
    const item = await checkOf('dockerfile', {
      Dockerfile: null,
      Dockerfile_fastapi: appImage.replace(/^USER .*$/m, ''),
    });
    expect(item.status).toBe('warn');
    expect(item.summary).toContain('Dockerfile_fastapi');
  });

  it('prefers Dockerfile_prod to Dockerfile_dev, as Dockerfile.prod to Dockerfile.dev', async () => {
    const workers = await checkOf('workers', {
      Dockerfile: null,
      Dockerfile_dev:
        'FROM python:3.13-slim\nCMD ["uvicorn", "app.main:app", "--reload"]\n',
      Dockerfile_prod: appImage,
    });
    expect(workers.status).toBe('pass');
    expect(workers.summary).toBe(
      'Dockerfile_prod: the container runs 4 workers.',
    );
  });
});
