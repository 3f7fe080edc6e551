import type { Evidence } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { COMPOSE_FILE } from '../docker/composeServices';

/** `.env`, `prod.env`, `.env.server`, `.secrets`: env files, not their committed examples. */
const ENV_FILE = /(^|\/)(\.env(\.[\w.-]+)?|[\w.-]+\.env|\.secrets)$/;
const EXAMPLE = /(example|sample|template|dist|tpl|defaults?)$/i;

export function isCommittedEnvFile(path: string): boolean {
  return ENV_FILE.test(path) && !EXAMPLE.test(path);
}

export type Assignment = {
  key: string;
  value: string;
  line: number;
};

/** KEY=value / KEY: value lines (env files, compose `environment:`), quotes removed. */
export function assignmentsIn(text: string): Assignment[] {
  return text.split('\n').flatMap((raw, index) => {
    const match =
      /^\s*(?:-\s*)?(?:export\s+)?["']?([A-Za-z_][A-Za-z0-9_]*)["']?\s*[=:]\s*(.*?)\s*$/.exec(
        raw,
      );
    if (!match) return [];
    const value = match[2]
      .replace(/\s+#.*$/, '')
      .replace(/^(["'])(.*)\1$/, '$2');
    return [{ key: match[1], value, line: index + 1 }];
  });
}

/** A value that is really set: not empty and not taken from the environment (`${VAR}`). */
export function isLiteralValue(value: string): boolean {
  return value !== '' && !value.includes('$') && !/^[|>]/.test(value);
}

/**
 * Literal credentials in compose files (`POSTGRES_PASSWORD: app`): a local development
 * stack's, warned about rather than failed (the image itself reads the environment).
 */
export function composeCredentials(
  files: Map<string, Buffer>,
  isSecretName: (name: string) => boolean,
): Evidence[] {
  const found: Evidence[] = [];
  for (const [path, content] of files) {
    if (!COMPOSE_FILE.test(path)) continue;
    for (const { key, value, line } of assignmentsIn(
      content.toString('utf8'),
    )) {
      if (isSecretName(key) && isLiteralValue(value))
        found.push({
          path,
          line,
          message: `${key} is a literal credential in a compose file`,
        });
    }
  }
  return found;
}
