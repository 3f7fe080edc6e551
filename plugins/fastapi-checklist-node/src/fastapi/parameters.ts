import type { Node } from '../python/parser';
import { field, kids } from '../python/syntax';

/** One parameter of a function: its name, annotation and default, unwrapped. */
export type Parameter = {
  name: string;
  node: Node;
  annotation?: Node;
  defaultValue?: Node;
};

/**
 * A function's parameters. Not memoised: a function is asked by two or three checks, and
 * kept lists (an object, a name and nodes per parameter) were copied by every
 * young-generation collection until the analysis ended.
 */
export const parametersOf = (func: Node): Parameter[] => {
  const parameters = field(func, 'parameters');
  const found: Parameter[] = [];
  // A walk over siblings into one list: every route's function is asked for its parameters.
  // Every entry has all four fields (one object shape for the checks that read them).
  for (
    let param = parameters?.firstNamedChild ?? null;
    param;
    param = param.nextNamedSibling
  ) {
    switch (param.type) {
      case 'identifier':
        found.push({
          name: param.text,
          node: param,
          annotation: undefined,
          defaultValue: undefined,
        });
        break;
      case 'typed_parameter': {
        const name = kids(param).find(k => k.type === 'identifier');
        if (name)
          found.push({
            name: name.text,
            node: param,
            annotation: field(param, 'type'),
            defaultValue: undefined,
          });
        break;
      }
      case 'default_parameter':
      case 'typed_default_parameter': {
        const name = field(param, 'name');
        if (name)
          found.push({
            name: name.text,
            node: param,
            annotation: field(param, 'type'),
            defaultValue: field(param, 'value'),
          });
        break;
      }
      default:
    }
  }
  return found;
};
