import { nodesOf } from '../python/project';
import type { Evidence } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import type { Node } from '../python/parser';
import { isBaseSettings } from '../fastapi/names';
import type { PythonModule, PythonProject } from '../python/project';
import { descendants, field, kids, stringValue } from '../python/syntax';
import { Check, evidenceAt, outcome, ServiceContext } from './context';
import { isDotEnvIgnored } from './dotEnvIgnored';

const SECRET_NAME =
  /(^|_)(secret|password|passwd|pwd|api_?key|private_?key|access_?key|client_?secret|token|auth_?token|signing_?key|credentials?)($|_)/i;
const NOT_A_SECRET =
  /(_(url|uri|type|header|name|field|length|len|minutes|seconds|hours|days|expire|expires|algorithm|prefix|scheme|path|file|env|var)$)|^token_?type$|^token_?url$/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !NOT_A_SECRET.test(name);
}

function settingsClasses(project: PythonProject, modules: PythonModule[]) {
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

function readsEnvironment(modules: PythonModule[]): Evidence[] {
  return modules.flatMap(module =>
    [...nodesOf(module, 'call'), ...nodesOf(module, 'subscript')]
      .filter(node => /^os\.(getenv|environ(\.get)?)\b/.test(node.text))
      .slice(0, 1)
      .map(node => evidenceAt(module, node, 'reads the environment')),
  );
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
  const environment = readsEnvironment(appModules);
  const failures: Evidence[] = [];
  const warnings: Evidence[] = [];

  for (const module of appModules) {
    for (const assignment of nodesOf(module, 'assignment')) {
      const name = field(assignment, 'left');
      const value = stringValue(field(assignment, 'right'));
      if (name?.type !== 'identifier' || !value || !isSecretName(name.text))
        continue;
      const owner = settings.find(
        s =>
          s.module === module &&
          s.cls.startIndex <= assignment.startIndex &&
          assignment.endIndex <= s.cls.endIndex,
      );
      if (owner && isRefusedByValidator(owner.cls, name.text)) {
        warnings.push(
          evidenceAt(
            module,
            assignment,
            `${name.text} has a committed default, refused outside development`,
          ),
        );
      } else {
        failures.push(
          evidenceAt(module, assignment, `${name.text} is a hard-coded secret`),
        );
      }
    }
    for (const argument of nodesOf(module, 'keyword_argument')) {
      const name = field(argument, 'name')?.text ?? '';
      if (isSecretName(name) && stringValue(field(argument, 'value'))) {
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
  const committedEnv = [...files.keys()].filter(
    p => p === `${prefix}.env` || p === '.env',
  );
  committedEnv.forEach(path =>
    failures.push({ path, message: '.env is committed to the repository' }),
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
