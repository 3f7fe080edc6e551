import type { Evidence } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { Check, outcome } from './context';

const ROOT_USERS = new Set(['root', '0', '0:0', 'root:root']);

export const dockerfileCheck: Check = ({ dockerfiles }) => {
  if (dockerfiles.length === 0) return outcome('fail', 'No Dockerfile found.');
  const warnings: Evidence[] = [];
  for (const facts of dockerfiles) {
    if (!facts.user || ROOT_USERS.has(facts.user.value.trim())) {
      warnings.push({
        path: facts.path,
        line: facts.user?.line ?? facts.finalStageLine,
        message: facts.user
          ? `USER ${facts.user.value} runs as root`
          : 'the final stage never sets a non-root USER',
      });
    }
    const command = facts.command ?? facts.entrypoint;
    if (command?.form === 'shell') {
      warnings.push({
        path: facts.path,
        line: command.line,
        snippet: command.text,
        message: 'shell-form command: signals do not reach the server',
      });
    }
    if (!facts.healthcheck || facts.healthcheck.disabled) {
      warnings.push({
        path: facts.path,
        line: facts.healthcheck?.line ?? facts.finalStageLine,
        message: 'no HEALTHCHECK',
      });
    }
  }
  // The image that runs the service (serviceImage): named, since others may exist.
  const name = dockerfiles.map(f => f.path).join(', ');
  if (warnings.length) {
    return outcome(
      'warn',
      `${name} (the image that runs the service) has ${warnings.length} hardening gap(s).`,
      warnings,
    );
  }
  return outcome(
    'pass',
    `${name} runs as a non-root user, with an exec-form command and a HEALTHCHECK.`,
    dockerfiles.map(f => ({
      path: f.path,
      line: f.command?.line,
      snippet: f.command?.text,
    })),
  );
};
