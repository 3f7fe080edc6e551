import type { Evidence } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { containerCommand } from '../docker/dockerfileFacts';
import { isExternal, nodesOf } from '../python/project';
import { callParts } from '../python/syntax';
import { Check, evidenceAt, outcome } from './context';

export const loggingCheck: Check = ({
  runtimeModules,
  project,
  dockerfiles,
}) => {
  const evidence: Evidence[] = [];
  // Only what the running app executes: Alembic's env.py configuring its own logging
  // says nothing about the service's.
  for (const module of runtimeModules) {
    for (const call of nodesOf(module, 'call')) {
      const parts = callParts(call);
      const callee = project.resolve(
        project.scopeAt(module, call),
        parts.callee,
      );
      const configures =
        isExternal(
          callee,
          ['logging'],
          ['dictConfig', 'fileConfig', 'basicConfig'],
        ) ||
        isExternal(callee, ['structlog'], ['configure']) ||
        (isExternal(callee, ['loguru'], ['add', 'configure']) &&
          callee?.kind === 'external' &&
          callee.qualified.includes('.logger.')) ||
        parts.keywords.has('log_config');
      if (configures)
        evidence.push(evidenceAt(module, call, 'configures logging'));
    }
  }
  for (const facts of dockerfiles) {
    if (containerCommand(facts).some(word => word.startsWith('--log-config'))) {
      evidence.push({
        path: facts.path,
        line: facts.command?.line,
        snippet: facts.command?.text,
        message: '--log-config',
      });
    }
  }
  return evidence.length
    ? outcome('pass', 'Logging is configured.', evidence.slice(0, 5))
    : outcome(
        'fail',
        'Logging is never configured (no dictConfig, basicConfig, structlog, loguru or --log-config).',
      );
};
