import { containerCommand, DockerfileFacts } from './dockerfileFacts';

/** Images of something else: devcontainers, databases, proxies, docs. */
const OTHER_IMAGE =
  /(^|\/)(\.devcontainer|db|database|postgres|mysql|redis|nginx|proxy|docs?)\//i;
/** Dockerfile.dev, Dockerfile_dev, Dockerfile.test, test.Dockerfile, Dockerfile.playwright… */
const NOT_PRODUCTION =
  /(^|[./_-])(dev|develop|development|test|tests|testing|ci|local|debug|playwright)([./_-]|$)/i;
const PRODUCTION = /(^|[./_-])(prod|production)([./_-]|$)/i;
/** Programs that serve an ASGI app. */
export const SERVER =
  /(^|\/)(uvicorn|gunicorn|fastapi|hypercorn|granian|daphne)$|\.sh$/;

const fileName = (path: string) => path.split('/').pop() ?? path;

function runsServer(facts: DockerfileFacts): boolean {
  return containerCommand(facts).some(word => SERVER.test(word));
}

/**
 * The one image that runs the service: not a devcontainer, database or proxy image, a
 * production Dockerfile before a development or test one, one whose command starts the
 * server (or a launcher script) before one without, the shallowest path last.
 */
export function serviceImage(
  dockerfiles: DockerfileFacts[],
  builtByCompose: Set<string>,
): DockerfileFacts | undefined {
  const images = dockerfiles.filter(d => !OTHER_IMAGE.test(d.path));
  const production = images.filter(d => !NOT_PRODUCTION.test(fileName(d.path)));
  const pool = production.length ? production : images;
  const score = (d: DockerfileFacts) =>
    (PRODUCTION.test(fileName(d.path)) ? 4 : 0) +
    (runsServer(d) ? 2 : 0) +
    (builtByCompose.has(d.path) ? 1 : 0);
  return [...pool].sort(
    (a, b) =>
      score(b) - score(a) ||
      a.path.split('/').length - b.path.split('/').length,
  )[0];
}
