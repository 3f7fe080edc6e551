import { nodesOf } from '../python/project';
import { modulesMentioning } from './moduleFacts';
import type { Evidence } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import type { Node } from '../python/parser';
import { isBaseSettings } from '../fastapi/names';
import type { PythonModule, PythonProject } from '../python/project';
import {
  callParts,
  descendants,
  field,
  kids,
  stringValue,
} from '../python/syntax';
import { defaultOf } from '../fastapi/settingsDefaults';
import { isExternal } from '../python/project';
import {
  assignmentsIn,
  committedPrivateKeys,
  composeCredentials,
  URL_WITH_PASSWORD,
  dynaconfSecrets,
  isCommittedEnvFile,
  isLiteralValue,
} from './committedSecrets';
import { Check, evidenceAt, outcome, ServiceContext } from './context';
import { isDotEnvIgnored } from './dotEnvIgnored';
import { databaseInitCredentials } from './databaseInitScripts';
import { workflowEnvFileSecrets } from './workflowSecrets';
import { kubernetesSecretValues } from './kubernetesSecrets';

const SECRET_NAME =
  /(^|_)(secret|password|passwd|pwd|api_?key|private_?key|access_?key|client_?secret|token|auth_?token|signing_?key|credentials?)($|_)/i;
const NOT_A_SECRET =
  /(_(url|uri|type|header|name|field|length|len|minutes|seconds|hours|days|expire|expires|algorithm|prefix|scheme|path|file|env|var|audience|issuer)$)|^token_?type$|^token_?url$/i;

/**
 * Text a module must hold to bind a secret: a word of SECRET_NAME (any case, anywhere:
 * a superset of the names it accepts) or a URL with a user (URL_WITH_PASSWORD).
 */
const MAY_HOLD_SECRET =
  /secret|passw|pwd|api_?key|private_?key|access_?key|token|signing_?key|credential|:\/\/[^@\s]*@/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !NOT_A_SECRET.test(name);
}

function settingsClasses(project: PythonProject, modules: PythonModule[]) {
  if (!project.mentions('BaseSettings')) return [];
  return modules.flatMap(module =>
    nodesOf(module, 'class_definition')
      .filter(cls => {
        const bases = field(cls, 'superclasses');
        return (bases ? kids(bases) : []).some(base =>
          isBaseSettings(project.resolve(module.scope, base)),
        );
      })
      .map(cls => ({ module, cls })),
  );
}

/** The libraries and names of the environment readers beside `os`. */
const ENVIRONMENT_ROOTS = ['starlette', 'decouple', 'environs', 'dynaconf'];
const ENVIRONMENT_READERS = [
  'Config',
  'config',
  'AutoConfig',
  'Env',
  'Dynaconf',
  'LazySettings',
];

/** os.environ / os.getenv, starlette's Config, python-decouple's config, environs' Env, dynaconf. */
function readsEnvironment(
  project: PythonProject,
  modules: PythonModule[],
): Evidence[] {
  const reads = (module: PythonModule, node: Node) =>
    (node.textStartsWith('os.') &&
      /^os\.(getenv|environ(\.get)?)\b/.test(node.text)) ||
    (node.type === 'call' &&
      isExternal(
        project.resolve(project.scopeAt(module, node), field(node, 'function')),
        ENVIRONMENT_ROOTS,
        ENVIRONMENT_READERS,
      ));
  // A reader is spelled `os.` in the module itself, or imported from its library.
  const readerImported = project.mentionsAny(ENVIRONMENT_ROOTS);
  // The first read of each module (calls before subscripts, as listed).
  return modules.flatMap(module => {
    if (!readerImported && !module.tree.rootNode.textIncludes('os.')) return [];
    const first =
      nodesOf(module, 'call').find(node => reads(module, node)) ??
      nodesOf(module, 'subscript').find(node => reads(module, node));
    return first ? [evidenceAt(module, first, 'reads the environment')] : [];
  });
}

/**
 * The name an assignment gives a value: `X`, an attribute (`config.JWT_SECRET_KEY`, as
 * authx's configuration is written) or a string key (`settings["api_key"]`).
 */
function assignedName(target: Node | undefined): { text: string } | undefined {
  if (target?.type === 'identifier') return target;
  if (target?.type === 'attribute') return field(target, 'attribute');
  if (target?.type === 'subscript') {
    const key = stringValue(field(target, 'subscript'));
    return key ? { text: key } : undefined;
  }
  return undefined;
}

/**
 * A password hash in its own format (bcrypt `$2b$12$…`, argon2 `$argon2id$v=19$…`,
 * passlib's `$pbkdf2-sha256$…`): the one-way value stored in place of a password (seed
 * users), not a credential.
 */
const PASSWORD_HASH =
  /^(\$2[abxy]\$\d\d\$[./A-Za-z0-9]{53}|\$argon2(id|i|d)\$v=\d+\$m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+|\$pbkdf2-sha(1|256|512)\$\d+\$[./A-Za-z0-9]+\$[./A-Za-z0-9]+)$/;

/** A placeholder a build or release step replaces in the source: `__POSTHOG_API_KEY__`. */
const SUBSTITUTION_MARKER = /^__[A-Z][A-Z0-9_]*__$/;

/** The literal a secret is given: `"…"`, `SecretStr("…")`, `config("X", default="…")`, `Field(default="…")`. */
function literalSecret(value: Node | undefined): string | undefined {
  if (!value) return undefined;
  let current: Node | undefined = defaultOf(value);
  if (
    current?.type === 'call' &&
    /SecretStr|SecretBytes|Secret$/.test(field(current, 'function')?.text ?? '')
  )
    current = callParts(current).positional[0];
  const literal = stringValue(current);
  // "Incorrect email or password": a message, not a secret; nor is a password's hash,
  // nor a marker a build step substitutes (`"__POSTHOG_API_KEY__"`).
  return literal &&
    !/\s/.test(literal.trim()) &&
    !PASSWORD_HASH.test(literal) &&
    !SUBSTITUTION_MARKER.test(literal)
    ? literal
    : undefined;
}

/** The literal connection URL with a password a value is given (`os.getenv("X", "postgresql://u:p@h/db")`). */
function urlWithPassword(value: Node | undefined): string | undefined {
  // The text first: most values hold no URL with a user, and the default takes longer.
  if (!value || !/:\/\/[^@\s]*@/.test(value.text)) return undefined;
  const literal = stringValue(defaultOf(value));
  return literal && URL_WITH_PASSWORD.test(literal) ? literal : undefined;
}

const ENUM_BASES = ['Enum', 'StrEnum', 'IntEnum', 'Flag', 'IntFlag'];

/** A class deriving from `enum` (`StrEnum`, `(str, Enum)`): its members are identifiers. */
function isEnumClass(project: PythonProject, module: PythonModule, cls: Node) {
  const bases = field(cls, 'superclasses');
  return (bases ? kids(bases) : []).some(base =>
    isExternal(project.resolve(module.scope, base), ['enum'], ENUM_BASES),
  );
}

/** factory_boy's and polyfactory's factory classes: their attributes are test data. */
const FACTORY_ROOTS = ['factory', 'polyfactory'];
const FACTORY_BASES = [
  'Factory',
  'DictFactory',
  'StubFactory',
  'ModelFactory',
  'DjangoModelFactory',
  'SQLAlchemyModelFactory',
  'MongoEngineFactory',
  'MogoFactory',
  'DataclassFactory',
  'TypedDictFactory',
  'SQLAlchemyFactory',
  'BeanieDocumentFactory',
  'OdmanticModelFactory',
];

/** A test-data factory (`class UserFactory(factory.Factory)`, or a project class deriving from one). */
function isTestDataFactory(
  project: PythonProject,
  module: PythonModule,
  cls: Node,
  depth = 0,
): boolean {
  const bases = field(cls, 'superclasses');
  return (bases ? kids(bases) : []).some(base => {
    const symbol = project.resolve(module.scope, base);
    if (isExternal(symbol, FACTORY_ROOTS, FACTORY_BASES)) return true;
    return (
      depth < 5 &&
      symbol?.kind === 'definition' &&
      symbol.node.type === 'class_definition' &&
      isTestDataFactory(project, symbol.scope.module, symbol.node, depth + 1)
    );
  });
}

/** The class a node is written in, if any. */
function enclosingClass(node: Node): Node | undefined {
  let enclosing = node.parent;
  while (enclosing && enclosing.type !== 'class_definition')
    enclosing = enclosing.parent;
  return enclosing ?? undefined;
}

/** Env files committed for the test suite or CI (`.env.test`, `test.env`), not deployments. */
const TEST_ENV_FILE = /(^|[./])(test|tests|testing|ci)([./]|$)/i;

/** Settings classes only some environments select (TestAppSettings, settings/dev.py). */
const NON_PRODUCTION =
  /(^|_|\b)(test|testing|dev|development|local)(_|\b|[A-Z])/i;

/** String literals a settings validator compares secrets with: refused placeholders ("changethis"). */
function refusedPlaceholders(classes: { cls: Node }[]): Set<string> {
  const placeholders = new Set<string>();
  for (const { cls } of classes) {
    for (const comparison of descendants(cls, 'comparison_operator')) {
      for (const part of kids(comparison)) {
        const literal = stringValue(part);
        if (literal) placeholders.add(literal);
      }
    }
  }
  return placeholders;
}

/** A validator of the settings class that mentions the field: the default is refused somewhere. */
function isRefusedByValidator(cls: Node, fieldName: string): boolean {
  return descendants(cls, 'decorated_definition').some(definition => {
    const decorators = kids(definition)
      .filter(k => k.type === 'decorator')
      .map(d => d.text);
    return (
      decorators.some(d => /validator/.test(d)) &&
      (field(definition, 'definition')?.text ?? '').includes(fieldName)
    );
  });
}

export const envSecretsCheck: Check = ({
  project,
  appModules,
  files,
  root,
}: ServiceContext) => {
  const settings = settingsClasses(project, appModules);
  const environment = readsEnvironment(project, appModules);
  const failures: Evidence[] = [];
  const warnings: Evidence[] = [];

  for (const module of modulesMentioning(appModules, MAY_HOLD_SECRET)) {
    for (const assignment of nodesOf(module, 'assignment')) {
      const name = assignedName(field(assignment, 'left'));
      if (!name) continue;
      // The name first: most assignments are not secrets, and the value takes longer.
      // A name that is not a secret's can still hold a connection URL with a password.
      const right = field(assignment, 'right');
      const secretName = isSecretName(name.text);
      const value = secretName ? literalSecret(right) : urlWithPassword(right);
      if (!value) continue;
      const what = secretName
        ? name.text
        : `${name.text} (a connection URL with a password)`;
      const owner = settings.find(
        s =>
          s.module === module &&
          s.cls.startIndex <= assignment.startIndex &&
          assignment.endIndex <= s.cls.endIndex,
      );
      // The class the default is written in, settings or not (TestAppSettings(AppSettings)).
      const enclosing = enclosingClass(assignment);
      const ownerName = enclosing ? field(enclosing, 'name')?.text ?? '' : '';
      if (
        enclosing &&
        (isEnumClass(project, module, enclosing) ||
          isTestDataFactory(project, module, enclosing))
      )
        continue;
      if (owner && isRefusedByValidator(owner.cls, name.text)) {
        warnings.push(
          evidenceAt(
            module,
            assignment,
            `${what} has a committed default, refused outside development`,
          ),
        );
      } else if (
        enclosing &&
        (NON_PRODUCTION.test(ownerName) ||
          NON_PRODUCTION.test(module.path.split('/').pop() ?? ''))
      ) {
        warnings.push(
          evidenceAt(
            module,
            assignment,
            `${what} has a committed default in ${ownerName}, a settings class for tests or development`,
          ),
        );
      } else {
        failures.push(
          evidenceAt(module, assignment, `${what} is a hard-coded secret`),
        );
      }
    }
    for (const argument of nodesOf(module, 'keyword_argument')) {
      const name = field(argument, 'name')?.text ?? '';
      const argumentValue = field(argument, 'value');
      if (!isSecretName(name) && urlWithPassword(argumentValue)) {
        failures.push(
          evidenceAt(
            module,
            argument,
            `${name}= is passed a connection URL with a password`,
          ),
        );
        continue;
      }
      if (isSecretName(name) && literalSecret(field(argument, 'value'))) {
        const enclosing = enclosingClass(argument);
        if (enclosing && isTestDataFactory(project, module, enclosing))
          continue;
        failures.push(
          evidenceAt(
            module,
            argument,
            `${name}= is passed a hard-coded secret`,
          ),
        );
      }
    }
  }

  const prefix = root ? `${root}/` : '';
  // Any committed env file, wherever it lives: one whose secrets are all placeholders
  // the settings refuse outside development is a warning, anything else a failure.
  const placeholders = refusedPlaceholders(settings);
  for (const path of [...files.keys()].filter(isCommittedEnvFile)) {
    const secrets = assignmentsIn(files.get(path)!.toString('utf8')).filter(
      a =>
        isLiteralValue(a.value) &&
        (isSecretName(a.key) || URL_WITH_PASSWORD.test(a.value)),
    );
    const name = path.split('/').pop();
    // An env file without credentials (VITE_API_URL=…) holds no secret to leak.
    if (secrets.length === 0) continue;
    if (TEST_ENV_FILE.test(name ?? '')) {
      warnings.push({
        path,
        line: secrets[0].line,
        message: `${name} is committed with credentials for tests only`,
      });
    } else if (secrets.every(a => placeholders.has(a.value))) {
      warnings.push({
        path,
        line: secrets[0].line,
        message: `${name} is committed with placeholders ("${secrets[0].value}") the settings refuse outside development`,
      });
    } else {
      failures.push({
        path,
        line: secrets[0].line,
        message: `${name} is committed to the repository`,
      });
    }
  }
  failures.push(...committedPrivateKeys(files));
  failures.push(...kubernetesSecretValues(files, isSecretName));
  for (const secret of workflowEnvFileSecrets(files, isSecretName)) {
    const { path, line, message } = secret;
    (secret.forTests ? warnings : failures).push({ path, line, message });
  }
  for (const secret of dynaconfSecrets(files, isSecretName)) {
    const { path, line, message } = secret;
    (secret.confined ? warnings : failures).push({ path, line, message });
  }
  warnings.push(
    ...composeCredentials(files, isSecretName),
    ...databaseInitCredentials(files),
  );

  if (settings.length === 0 && environment.length === 0) {
    return outcome(
      'fail',
      'Settings are not read from the environment (no BaseSettings class or os.environ use).',
      failures,
    );
  }
  if (failures.length) {
    return outcome(
      'fail',
      `${failures.length} hard-coded secret(s) or committed .env file(s).`,
      failures,
    );
  }
  if (!isDotEnvIgnored(files, root)) {
    warnings.push({
      path: `${prefix}.gitignore`,
      message: '.env is not git-ignored',
    });
  }
  const source = settings.length
    ? evidenceAt(settings[0].module, settings[0].cls, 'settings class')
    : environment[0];
  if (warnings.length) {
    return outcome('warn', 'Secrets come from the environment, with caveats.', [
      source,
      ...warnings,
    ]);
  }
  return outcome(
    'pass',
    'Settings come from the environment and no secret is hard-coded.',
    [source],
  );
};
