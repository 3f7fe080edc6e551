import { containerCommand, DockerfileFacts } from '../docker/dockerfileFacts';
import { field, integerValue } from '../python/syntax';
import { Check, outcome, ServiceContext } from './context';

/** Expands $VAR / ${VAR} from the Dockerfile's ENV and ARG defaults. */
function expand(word: string, facts: DockerfileFacts): string {
  return word.replace(
    /\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g,
    (_, name: string) => facts.env.get(name)?.value ?? '',
  );
}

/** The worker count a container command asks for, if it says. */
export function workerCount(facts: DockerfileFacts): number | undefined {
  const words = containerCommand(facts).map(word => expand(word, facts));
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
  const concurrency = facts.env.get('WEB_CONCURRENCY');
  if (concurrency && /^\d+$/.test(concurrency.value))
    return Number(concurrency.value);
  return undefined;
}

/** gunicorn reads `workers = …` from its config module (gunicorn.conf.py or -c FILE). */
function gunicornConfigWorkers(
  facts: DockerfileFacts,
  context: ServiceContext,
): number | undefined {
  const words = containerCommand(facts);
  if (!words.some(word => word.endsWith('gunicorn'))) return undefined;
  const flag = words.findIndex(word => word === '-c' || word === '--config');
  const configName = (
    flag >= 0 ? words[flag + 1] : 'gunicorn.conf.py'
  )?.replace(/^python:/, '');
  const module = context.project
    .modulesList()
    .find(m => m.path.endsWith(configName ?? ''));
  const value = module?.scope.assignments.get('workers');
  if (!value) return undefined;
  // A computed count (cpu_count() * 2 + 1) is more than one on any real host.
  return (
    integerValue(value) ??
    (field(value, 'function') || value.type === 'binary_operator'
      ? 2
      : undefined)
  );
}

export const workersCheck: Check = context => {
  const { dockerfiles } = context;
  if (dockerfiles.length === 0)
    return outcome(
      'fail',
      'No Dockerfile, so no container command sets the worker count.',
    );
  const results = dockerfiles.map(facts => ({
    facts,
    workers: workerCount(facts) ?? gunicornConfigWorkers(facts, context),
  }));
  const good = results.find(r => (r.workers ?? 0) > 1);
  if (good) {
    const command = good.facts.command ?? good.facts.entrypoint;
    return outcome('pass', `The container runs ${good.workers} workers.`, [
      {
        path: good.facts.path,
        line: command?.line ?? good.facts.env.get('WEB_CONCURRENCY')?.line,
        snippet: command?.text,
      },
    ]);
  }
  return outcome(
    'fail',
    results.some(r => r.workers === 1)
      ? 'The container runs a single worker.'
      : 'The container command does not set a worker count (one worker by default).',
    results.map(({ facts }) => {
      const command = facts.command ?? facts.entrypoint;
      return {
        path: facts.path,
        line: command?.line,
        snippet: command?.text,
        message: 'container command',
      };
    }),
  );
};
