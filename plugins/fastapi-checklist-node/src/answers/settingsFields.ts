import type { ServiceContext } from '../checks/context';
import { defaultOf } from '../fastapi/settingsDefaults';
import { isBaseSettings } from '../fastapi/names';
import type { Node } from '../python/parser';
import { nodesOf, PythonModule } from '../python/project';
import { field, kids } from '../python/syntax';

/** The service's settings class and the default each of its fields is declared with. */
export type SettingsFields = {
  module: PythonModule;
  cls: Node;
  /** Field name → the default value's node (`Field(default=…)` unwrapped). */
  defaults: Map<string, Node>;
};

/**
 * The one pydantic-settings class of the service's runtime code, with its fields'
 * defaults; undefined when there is none or more than one (which one the form's answers
 * went into would be a guess).
 */
export function settingsFields(
  context: ServiceContext,
): SettingsFields | undefined {
  const { project, runtimeModules } = context;
  const classes = runtimeModules.flatMap(module =>
    nodesOf(module, 'class_definition')
      .filter(cls => {
        const bases = field(cls, 'superclasses');
        return (bases ? kids(bases) : []).some(base =>
          isBaseSettings(project.resolve(module.scope, base)),
        );
      })
      .map(cls => ({ module, cls })),
  );
  if (classes.length !== 1) return undefined;
  const [{ module, cls }] = classes;
  const defaults = new Map<string, Node>();
  const body = field(cls, 'body');
  for (const statement of body ? kids(body) : []) {
    if (statement.type !== 'expression_statement') continue;
    const [assignment] = kids(statement);
    if (assignment?.type !== 'assignment') continue;
    const name = field(assignment, 'left');
    const right = field(assignment, 'right');
    const value = right && defaultOf(right);
    if (name?.type === 'identifier' && value) defaults.set(name.text, value);
  }
  return { module, cls, defaults };
}
