import type { ServiceContext } from '../../checks/context';
import { isBaseSettings } from '../../fastapi/names';
import type { Node } from '../../python/parser';
import { nodesOf, PythonModule } from '../../python/project';
import { callParts, field, kids, stringValue } from '../../python/syntax';

/** Settings classes only tests or development select (TestSettings, settings/dev.py), as the check reads them. */
const NON_PRODUCTION =
  /(^|_|\b)(test|testing|dev|development|local)(_|\b|[A-Z])/i;

/** A field of a settings class: `NAME: type = default` (or `NAME = default`), a statement of the class body. */
export type SettingsField = {
  name: string;
  /** The expression_statement holding it. */
  statement: Node;
  assignment: Node;
  annotation?: Node;
  value?: Node;
};

/** A pydantic-settings class of the service, as the env-secrets check finds them. */
export type SettingsClass = {
  module: PythonModule;
  cls: Node;
  name: string;
  fields: Map<string, SettingsField>;
  /** `env_prefix` of its configuration ('' when none). */
  envPrefix: string;
  caseSensitive: boolean;
};

/** How code outside the class reads the settings: a module-level instance or a factory. */
export type SettingsAccess = {
  /** The name the settings module binds (`settings`, `get_settings`). */
  bound: string;
  /** The expression a field is read from (`settings`, `get_settings()`). */
  expression: string;
  /** The top-level statement that binds it. */
  definedBy: Node;
};

function fieldsOf(cls: Node): Map<string, SettingsField> {
  const fields = new Map<string, SettingsField>();
  const body = field(cls, 'body');
  for (const statement of body ? kids(body) : []) {
    if (statement.type !== 'expression_statement') continue;
    const [assignment] = kids(statement);
    const left = assignment?.type === 'assignment' && field(assignment, 'left');
    if (!left || left.type !== 'identifier') continue;
    fields.set(left.text, {
      name: left.text,
      statement,
      assignment,
      annotation: field(assignment, 'type'),
      value: field(assignment, 'right'),
    });
  }
  return fields;
}

/** A keyword of `SettingsConfigDict(...)`/`dict(...)` (model_config) or an attribute of `class Config:`. */
function configSetting(
  cls: Node,
  fields: Map<string, SettingsField>,
  key: string,
): Node | undefined | 'unknown' {
  const config = fields.get('model_config')?.value;
  if (config) {
    if (config.type !== 'call') return 'unknown';
    return callParts(config).keywords.get(key);
  }
  const body = field(cls, 'body');
  const inner = (body ? kids(body) : []).find(
    s => s.type === 'class_definition' && field(s, 'name')?.text === 'Config',
  );
  return inner ? fieldsOf(inner).get(key)?.value : undefined;
}

/**
 * Where the environment variable of a field comes from: pydantic-settings reads
 * env_prefix + the field's name (any case unless case_sensitive), or the field's alias.
 */
export function environmentName(
  settings: SettingsClass,
  fieldName: string,
  value?: Node,
): string | { refused: string } {
  if (
    value?.type === 'call' &&
    /(^|\.)Field$/.test(field(value, 'function')?.text ?? '')
  ) {
    const keywords = callParts(value).keywords;
    for (const key of ['validation_alias', 'alias', 'env']) {
      const alias = keywords.get(key);
      if (!alias) continue;
      const name = stringValue(alias);
      if (name === undefined)
        return {
          refused: `${settings.name}.${fieldName} takes its environment variable from a computed ${key}`,
        };
      return name;
    }
  }
  const name = settings.envPrefix + fieldName;
  return settings.caseSensitive ? name : name.toUpperCase();
}

/** The pydantic-settings classes of the service's application modules (BaseSettings subclasses). */
export function settingsClasses(
  service: ServiceContext,
): SettingsClass[] | { refused: string } {
  const { project } = service;
  const found: SettingsClass[] = [];
  for (const module of service.appModules) {
    for (const cls of nodesOf(module, 'class_definition')) {
      const bases = field(cls, 'superclasses');
      if (
        !(bases ? kids(bases) : []).some(base =>
          isBaseSettings(project.resolve(module.scope, base)),
        )
      )
        continue;
      const name = field(cls, 'name')?.text ?? '';
      const where = `${module.path}:${cls.startPosition.row + 1}`;
      if (cls.parent?.type !== 'module')
        return {
          refused: `the settings class ${name} (${where}) is built inside other code; the fix only changes a class defined at module level`,
        };
      const fields = fieldsOf(cls);
      const prefix = configSetting(cls, fields, 'env_prefix');
      const caseSensitive = configSetting(cls, fields, 'case_sensitive');
      if (
        prefix === 'unknown' ||
        caseSensitive === 'unknown' ||
        (prefix && stringValue(prefix) === undefined) ||
        (caseSensitive && !['True', 'False'].includes(caseSensitive.text))
      )
        return {
          refused: `the configuration of ${name} (${where}) is computed; the fix cannot tell which environment variables it reads`,
        };
      found.push({
        module,
        cls,
        name,
        fields,
        envPrefix: prefix ? stringValue(prefix)! : '',
        caseSensitive: caseSensitive?.text === 'True',
      });
    }
  }
  return found;
}

/** The one production settings class new fields go to (test and development classes left out). */
export function productionSettings(
  classes: SettingsClass[],
): SettingsClass | { refused: string } {
  const production = classes.filter(
    c =>
      !NON_PRODUCTION.test(c.name) &&
      !NON_PRODUCTION.test(c.module.path.split('/').pop() ?? ''),
  );
  if (production.length === 1) return production[0];
  return {
    refused: production.length
      ? `the service has ${production.length} settings classes (${production
          .map(c => `${c.name} in ${c.module.path}`)
          .join(', ')}); the fix does not know which one should hold the secret`
      : 'the service has no pydantic-settings class (BaseSettings) to read the secret from; adding a settings layer is left to the owners',
  };
}

/** The callee's name when a node is `Name(...)`. */
const calledName = (node: Node | undefined) =>
  node?.type === 'call' ? field(node, 'function')?.text : undefined;

/**
 * How the settings module hands its settings out: `settings = Settings()` at module level,
 * else a function without parameters returning `Settings()` (`@lru_cache def
 * get_settings()`); both as a statement of the module itself.
 */
export function settingsAccess(
  settings: SettingsClass,
): SettingsAccess[] | { refused: string } {
  const found: SettingsAccess[] = [];
  const factories: SettingsAccess[] = [];
  for (const statement of settings.module.tree.rootNode.namedChildren) {
    if (statement.type === 'expression_statement') {
      const [assignment] = kids(statement);
      const left =
        assignment?.type === 'assignment' && field(assignment, 'left');
      if (
        left &&
        left.type === 'identifier' &&
        calledName(field(assignment, 'right')) === settings.name
      )
        found.push({
          bound: left.text,
          expression: left.text,
          definedBy: statement,
        });
      continue;
    }
    const definition =
      statement.type === 'decorated_definition'
        ? field(statement, 'definition')
        : statement;
    if (definition?.type !== 'function_definition') continue;
    const parameters = field(definition, 'parameters');
    if (parameters && kids(parameters).length) continue;
    const returnsSettings = kids(field(definition, 'body')!).some(
      s =>
        s.type === 'return_statement' &&
        calledName(kids(s)[0]) === settings.name,
    );
    const name = field(definition, 'name')?.text;
    if (returnsSettings && name)
      factories.push({
        bound: name,
        expression: `${name}()`,
        definedBy: statement,
      });
  }
  // An instance is read as it is; a factory's cached call is the fallback.
  const all = [...found, ...factories];
  return all.length
    ? all
    : {
        refused: `${settings.module.path} creates no ${settings.name} instance at module level and has no function returning ${settings.name}(); the fix does not know how the code reads its settings`,
      };
}
