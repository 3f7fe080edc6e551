import type { Evidence } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { COMPOSE_FILE } from '../docker/composeServices';

/** `.env`, `prod.env`, `.env.server`, `.secrets`: env files, not their committed examples. */
const ENV_FILE = /(^|\/)(\.env(\.[\w.-]+)?|[\w.-]+\.env|\.secrets)$/;
/**
 * A word of the file's name that makes it an example to copy: `.env.example`,
 * `env.template`, `template.backend.env`, `.env.sample.local`.
 */
const EXAMPLE =
  /(^|[._-])(example|sample|template|dist|tpl|defaults?)([._-]|$)/i;

export function isCommittedEnvFile(path: string): boolean {
  return ENV_FILE.test(path) && !EXAMPLE.test(path.split('/').pop() ?? '');
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

/** `scheme://user:password@host`: a connection URL carrying a password. */
export const URL_WITH_PASSWORD = /^[a-z][\w+.-]*:\/\/[^:/@\s]*:[^@/\s]+@/i;

/**
 * Literal credentials in compose files (`POSTGRES_PASSWORD: app`, or a connection URL
 * with a password under any name: `DATABASE_URL: postgresql://app:pw@db/app`): a local development
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
      if (
        isLiteralValue(value) &&
        (isSecretName(key) || URL_WITH_PASSWORD.test(value))
      )
        found.push({
          path,
          line,
          message: `${key} is a literal credential in a compose file`,
        });
    }
  }
  return found;
}

/** dynaconf's secrets file (`.secrets.toml`, `.secrets.yaml`), committed beside the settings. */
const DYNACONF_SECRETS = /(^|\/)\.secrets\.(toml|ya?ml)$/;
/** dynaconf environments only development machines and test runs select. */
const NON_PRODUCTION_ENVIRONMENT = /^(development|dev|testing|test|local)$/i;

export type DynaconfSecret = Evidence & {
  /** The environment section it is in (`default` when none). */
  environment: string;
  /** True when only development/testing environments read it. */
  confined: boolean;
};

/**
 * Literal secrets in committed dynaconf secrets files, with the environment each is
 * written for (`[development.security]` → development; a YAML file's top-level key).
 * Values dynaconf resolves itself (`@vault …`, `@format …`, `@jinja …`) are not literals.
 */
export function dynaconfSecrets(
  files: Map<string, Buffer>,
  isSecretName: (name: string) => boolean,
): DynaconfSecret[] {
  const found: DynaconfSecret[] = [];
  for (const [path, content] of files) {
    if (!DYNACONF_SECRETS.test(path)) continue;
    const name = path.split('/').pop()!;
    const toml = path.endsWith('.toml');
    let environment = 'default';
    content
      .toString('utf8')
      .split('\n')
      .forEach((raw, index) => {
        const section = toml
          ? /^\s*\[+\s*["']?([\w-]+)[^=]*\]\s*(#.*)?$/.exec(raw)
          : /^([\w-]+)\s*:\s*(#.*)?$/.exec(raw);
        if (section) {
          environment = section[1].toLowerCase();
          return;
        }
        const [assignment] = assignmentsIn(raw);
        if (
          !assignment ||
          !isSecretName(assignment.key) ||
          !isLiteralValue(assignment.value) ||
          assignment.value.startsWith('@')
        )
          return;
        const confined = NON_PRODUCTION_ENVIRONMENT.test(environment);
        found.push({
          path,
          line: index + 1,
          environment,
          confined,
          message: confined
            ? `${assignment.key} is committed in ${name}, for the ${environment} environment only`
            : `${assignment.key} is committed in ${name} ([${environment}])`,
        });
      });
  }
  return found;
}

/** Files a private key is kept in: `*.pem`, `*.key`, ssh's `id_rsa`/`id_ed25519`… */
const KEY_FILE = /(^|\/)([^/]+\.(pem|key)|id_(rsa|dsa|ecdsa|ed25519))$/i;
/** Test data (a key a test suite signs with) is not a deployment's secret. */
const TEST_FOLDER = /(^|\/)(tests?|testing|fixtures?|__fixtures__|testdata)\//i;
const PRIVATE_KEY = /-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY-----/;
/** Only the start of a key file is read: the header is on its first lines. */
export const PRIVATE_KEY_HEAD_BYTES = 4096;

/** Private keys committed to the repository (`ssl/key.pem`), outside test folders. */
export function committedPrivateKeys(files: Map<string, Buffer>): Evidence[] {
  const found: Evidence[] = [];
  for (const [path, content] of files) {
    if (!KEY_FILE.test(path) || TEST_FOLDER.test(path)) continue;
    const head = content.subarray(0, PRIVATE_KEY_HEAD_BYTES).toString('utf8');
    const match = PRIVATE_KEY.exec(head);
    if (!match) continue;
    found.push({
      path,
      line: head.slice(0, match.index).split('\n').length,
      message: `${path
        .split('/')
        .pop()} is a private key committed to the repository`,
    });
  }
  return found;
}
