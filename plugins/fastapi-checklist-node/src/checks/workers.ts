import type { Evidence } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { repositoryFile } from '../docker/launchCommand';
import type { PythonModule } from '../python/project';
import { integerValue } from '../python/syntax';
import { Check, outcome, ServiceContext } from './context';
import { consoleScript } from './consoleScripts';
import {
  programmaticServer,
  pythonEntryModule,
  serverStartedBy,
} from './programmaticServer';

/** The worker count a server command line asks for, if it says. */
export function workerCount(
  words: string[],
  env: Map<string, { value: string }>,
): number | undefined {
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const inline =
      /^(--workers|-w)=(\d+)$/.exec(word) ?? /^-w(\d+)$/.exec(word);
    if (inline) return Number(inline[inline.length - 1]);
    if (
      (word === '--workers' || word === '-w') &&
      /^\d+$/.test(words[i + 1] ?? '')
    )
      return Number(words[i + 1]);
  }
  const concurrency = env.get('WEB_CONCURRENCY');
  if (concurrency && /^\d+$/.test(concurrency.value))
    return Number(concurrency.value);
  return undefined;
}

/** The gunicorn config module a command reads (`-c FILE`, else ./gunicorn.conf.py). */
export function gunicornConfigModule(
  words: string[],
  context: ServiceContext,
): PythonModule | undefined {
  if (!words.some(word => word.endsWith('gunicorn'))) return undefined;
  const flag = words.findIndex(word => word === '-c' || word === '--config');
  const configName = (
    flag >= 0 ? words[flag + 1] : 'gunicorn.conf.py'
  )?.replace(/^python:/, '');
  if (!configName) return undefined;
  const path = repositoryFile(context.files, configName, context.root);
  return context.project
    .modulesList()
    .find(m => m.path === path || (!path && m.path.endsWith(configName)));
}

/** gunicorn reads `workers = …` from its config module. */
function gunicornConfigWorkers(
  module: PythonModule | undefined,
): number | undefined {
  const value = module?.scope.assignments.get('workers');
  if (!value) return undefined;
  // Computed (cpu_count() * 2 + 1, settings.computed_web_concurrency): more than one on
  // any real host.
  return integerValue(value) ?? 2;
}

export const workersCheck: Check = context => {
  const { dockerfiles, launch } = context;
  const [image] = dockerfiles;
  if (!image || !launch)
    return outcome(
      'fail',
      'No Dockerfile, so no container command sets the worker count.',
    );
  const config = gunicornConfigModule(launch.words, context);
  let workers =
    workerCount(launch.words, image.env) ?? gunicornConfigWorkers(config);
  const evidence: Evidence[] = [...launch.evidence];
  // `python -m app`: the server the service's own code starts, and its workers.
  const entry =
    workers === undefined
      ? pythonEntryModule(
          launch.words,
          context.project,
          context.files,
          context.root,
        )
      : undefined;
  // A console script (`CMD ["shop-api"]`, declared in pyproject.toml): its function's server.
  const script =
    workers === undefined && !entry
      ? consoleScript(
          launch.words,
          context.project,
          context.files,
          context.root,
        )
      : undefined;
  if (script) evidence.push(script.evidence);
  const started = entry
    ? programmaticServer(context.project, entry)
    : script && serverStartedBy(context.project, script.module, script.func);
  if (started) {
    workers = started.workers;
    evidence.push(...started.evidence);
  }
  if (config && workerCount(launch.words, image.env) === undefined) {
    const value = config.scope.assignments.get('workers');
    if (value)
      evidence.push({
        path: config.path,
        line: value.startPosition.row + 1,
        snippet: `workers = ${value.text}`,
        message: 'gunicorn config',
      });
  }
  if (launch.words.includes('--reload')) {
    return outcome(
      'fail',
      (workers ?? 0) > 1
        ? `${image.path}: the server runs with --reload, which starts one process whatever --workers says.`
        : `${image.path}: the server runs with --reload, a single development process.`,
      evidence,
    );
  }
  if ((workers ?? 0) > 1) {
    return outcome(
      'pass',
      `${image.path}: the container runs ${workers} workers.`,
      evidence,
    );
  }
  return outcome(
    'fail',
    workers === 1
      ? `${image.path}: the container runs a single worker.`
      : `${image.path}: the container command does not set a worker count (one worker by default).`,
    evidence,
  );
};
