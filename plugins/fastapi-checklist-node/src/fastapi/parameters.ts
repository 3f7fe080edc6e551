import type { Node } from '../python/parser';
import { field, kids, memo } from '../python/syntax';

/** One parameter of a function: its name, annotation and default, unwrapped. */
export type Parameter = {
  name: string;
  node: Node;
  annotation?: Node;
  defaultValue?: Node;
};

/** A function's parameters (memoised: shared by every caller, never to be changed). */
export const parametersOf = memo((func: Node): Parameter[] => {
  const parameters = field(func, 'parameters');
  if (!parameters) return [];
  return kids(parameters).flatMap((param): Parameter[] => {
    switch (param.type) {
      case 'identifier':
        return [{ name: param.text, node: param }];
      case 'typed_parameter': {
        const name = kids(param).find(k => k.type === 'identifier');
        return name
          ? [{ name: name.text, node: param, annotation: field(param, 'type') }]
          : [];
      }
      case 'default_parameter':
      case 'typed_default_parameter': {
        const name = field(param, 'name');
        return name
          ? [
              {
                name: name.text,
                node: param,
                annotation: field(param, 'type'),
                defaultValue: field(param, 'value'),
              },
            ]
          : [];
      }
      default:
        return [];
    }
  });
});
