import type { Evidence } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { ComposeBuild } from './composeServices';
import { containerCommand, DockerfileFacts } from './dockerfileFacts';

/** How the service's container really starts the server. */
export type Launch = {
  /** The server's command line as words, variables expanded where they are known. */
  words: string[];
  /** Each step from the image to the server invocation (Dockerfile, compose, script). */
  evidence: Evidence[];
};

const SERVER_WORD =
  /(^|\/)(uvicorn|gunicorn|fastapi|hypercorn|granian|daphne)$/;
const SCRIPT = /\.sh$/;
/** A Python interpreter running a module or a file (`python -m app`, `python3 serve.py`). */
const PYTHON_ENTRY =
  /(^|[\s/])python(\d+(\.\d+)?)?\s+(-\S+\s+)*(-m\s+[\w.]+|\S+\.py)(\s|$)/;
/** A compose command that may start the server: a server, a script, a Python program… */
const STARTS_SOMETHING =
  /(^|[\s/"'[,])(uvicorn|gunicorn|fastapi|hypercorn|granian|daphne|python[\d.]*)\b|\.sh\b/;
/** …but not a job run with the image (migrations, tests, task workers) and no server. */
const JOB = /\b(alembic|aerich|yoyo|pytest|celery|arq|dramatiq)\b/;
const SERVER_TEXT =
  /\b(uvicorn|gunicorn|hypercorn|granian|daphne)\b|\bfastapi\s+run\b/;

const startsSomething = (text: string) =>
  STARTS_SOMETHING.test(text) && (!JOB.test(text) || SERVER_TEXT.test(text));
const DEVELOPMENT_COMPOSE =
  /[./-](dev|development|test|tests|local|override|debug)[./-]/i;

/** A repository file a container path (`/src/entrypoints/run.sh`, `./run.sh`) refers to. */
export function repositoryFile(
  files: Map<string, Buffer>,
  containerPath: string,
  root: string,
): string | undefined {
  const parts = containerPath.replace(/^\.\//, '').split('/').filter(Boolean);
  for (let i = 0; i < parts.length; i++) {
    const tail = parts.slice(i).join('/');
    for (const candidate of [root ? `${root}/${tail}` : tail, tail]) {
      if (files.has(candidate)) return candidate;
    }
  }
  return undefined;
}

/**
 * The repository file the image copies to a container path under another folder
 * (`COPY misc/entrypoint.sh /` for `ENTRYPOINT ["/entrypoint.sh"]`): a COPY source with
 * the same file name.
 */
function copiedFile(
  image: DockerfileFacts,
  files: Map<string, Buffer>,
  containerPath: string,
): string | undefined {
  const name = containerPath.slice(containerPath.lastIndexOf('/') + 1);
  return image.copies
    .map(source => source.replace(/^\.\//, ''))
    .find(
      source =>
        (source === name || source.endsWith(`/${name}`)) && files.has(source),
    );
}

/** Shell variables a script sets (`X=${X:-default}`, `export X=…`), resolved in order. */
function scriptVariables(lines: string[]): Map<string, string> {
  const variables = new Map<string, string>();
  for (const line of lines) {
    const match = /^\s*(?:export\s+)?([A-Za-z_]\w*)=(.*)$/.exec(line);
    if (match)
      variables.set(
        match[1],
        expand(match[2].replace(/^["']|["']$/g, ''), variables),
      );
  }
  return variables;
}

/** Expands $X, ${X} and ${X:-default} with what is known; unknown variables stay empty. */
export function expand(word: string, variables: Map<string, string>): string {
  return word.replace(
    /\$\{([A-Za-z_]\w*)(?::?-([^}]*))?\}|\$([A-Za-z_]\w*)/g,
    (_, braced: string, fallback: string | undefined, bare: string) =>
      variables.get(braced ?? bare) ??
      (fallback !== undefined ? expand(fallback, variables) : ''),
  );
}

/**
 * The command the service's container runs: the image's ENTRYPOINT/CMD, else the
 * `command:` of the compose service that builds it; followed into a launcher script
 * (`entrypoints/gunicorn.sh`) to the line that starts the server.
 */
export function launchCommand(
  image: DockerfileFacts,
  builds: ComposeBuild[],
  files: Map<string, Buffer>,
  root: string,
): Launch {
  const env = new Map([...image.env].map(([k, v]) => [k, v.value]));
  let words = containerCommand(image).map(word => expand(word, env));
  const own = image.command ?? image.entrypoint;
  const evidence: Evidence[] = [];
  // The production compose file's command before a development or test one's. When the
  // image has a command of its own, a compose service running it for something else (a
  // migration job: `alembic upgrade head`) does not replace it.
  const compose = builds
    .filter(
      b =>
        b.dockerfile === image.path &&
        b.command &&
        (!own || startsSomething(b.command.text)),
    )
    .sort(
      (a, b) =>
        Number(DEVELOPMENT_COMPOSE.test(a.path)) -
        Number(DEVELOPMENT_COMPOSE.test(b.path)),
    )[0];
  if (
    compose?.command &&
    !words.some(w => SERVER_WORD.test(w) || SCRIPT.test(w))
  ) {
    words = compose.command.words.map(word => expand(word, env));
    evidence.push({
      path: compose.path,
      line: compose.command.line,
      snippet: compose.command.text,
      message: `compose builds ${image.path} and runs`,
    });
  } else {
    evidence.push({
      path: image.path,
      line: own?.line ?? image.finalStageLine,
      snippet: own?.text,
      message: 'container command',
    });
  }
  if (!words.some(w => SERVER_WORD.test(w))) {
    const script = words.find(w => SCRIPT.test(w));
    const path =
      script &&
      (repositoryFile(files, script, root) ?? copiedFile(image, files, script));
    if (path) {
      const lines = files.get(path)!.toString('utf8').split('\n');
      const variables = new Map([...env, ...scriptVariables(lines)]);
      const code = (line: string) => !line.trim().startsWith('#');
      let index = lines.findIndex(
        line =>
          code(line) &&
          line
            .split(/\s+/)
            .some(w => SERVER_WORD.test(w.replace(/^exec$/, ''))),
      );
      // No server command: the last `python -m pkg` / `python serve.py` line, a server
      // the service's own code starts (the workers check follows it into the code).
      if (index < 0)
        index = lines.findLastIndex(
          line => code(line) && PYTHON_ENTRY.test(line),
        );
      if (index >= 0) {
        words = lines[index]
          .trim()
          .split(/\s+/)
          .map(word => expand(word.replace(/^["']|["']$/g, ''), variables));
        evidence.push({
          path,
          line: index + 1,
          snippet: lines[index].trim(),
          message: 'starts the server',
        });
      }
    }
  }
  return { words, evidence };
}
