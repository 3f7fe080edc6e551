import type { ServiceContext } from '../../checks/context';
import { isHealthPath } from '../../checks/publicRoutes';

const SERVER = /(^|\/)(uvicorn|gunicorn|fastapi|hypercorn|granian)$/;

/** The port the container's server listens on, from its command line (8000 by default). */
function listeningPort(words: string[]): string | { refused: string } {
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const inline = /^--port=(.*)$/.exec(word) ?? /^--bind=(.*)$/.exec(word);
    let value = inline?.[1];
    if (!inline && ['--port', '--bind', '-b'].includes(word))
      value = words[i + 1];
    if (value === undefined) continue;
    const port = value.includes(':') ? value.split(':').pop()! : value;
    return /^\d+$/.test(port)
      ? port
      : {
          refused: `the server's port (${value}) is not a number in the image`,
        };
  }
  return words.some(word => SERVER.test(word))
    ? '8000'
    : { refused: 'the container command does not start a known ASGI server' };
}

/** The URL a HEALTHCHECK asks: the service's GET health route on the server's port. */
export function healthcheckUrl(
  service: ServiceContext,
): string | { refused: string } {
  const route = service.model.routes.find(
    r =>
      r.mounted &&
      !r.websocket &&
      r.methods.includes('GET') &&
      isHealthPath(r.fullPath) &&
      /^\/[\w\-./]*$/.test(r.fullPath),
  );
  if (!route)
    return {
      refused:
        'the service has no GET health route with a literal path for the HEALTHCHECK to ask (fix `health` first)',
    };
  const port = listeningPort(service.launch?.words ?? []);
  if (typeof port !== 'string') return port;
  return `http://127.0.0.1:${port}${route.fullPath}`;
}
