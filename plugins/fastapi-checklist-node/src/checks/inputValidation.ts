import type { Node } from '../python/parser';
import { annotatedParts, parametersOf } from '../fastapi/dependencies';
import { bodyScope, MUTATING_METHODS, Route } from '../fastapi/model';
import {
  isBodyMarker,
  isLooseType,
  isNonBodyMarker,
  isRequestClass,
} from '../fastapi/names';
import type { PythonProject, Scope } from '../python/project';
import { callParts, field, kids } from '../python/syntax';
import { allOf, Check, count, evidenceAt, outcome, verbFor } from './context';
import { distinctRoutes } from '../fastapi/distinctRoutes';
import { routeLabel } from './routeLabel';
import { RawBodyReads } from './rawBodyReads';
import { VERIFIES_SIGNATURE } from '../fastapi/webhookSignature';

function unwrapType(node: Node | undefined): Node | undefined {
  let current = node;
  while (
    current &&
    (current.type === 'type' || current.type === 'parenthesized_expression')
  )
    current = current.firstNamedChild ?? undefined;
  return current;
}

/** dict, Any, dict[str, Any], list[dict], Optional[dict], dict | None … */
function isLoose(
  project: PythonProject,
  scope: Scope,
  node: Node | undefined,
): boolean {
  const type = unwrapType(node);
  if (!type) return false;
  if (type.type === 'identifier' || type.type === 'attribute')
    return isLooseType(project.resolve(scope, type));
  if (type.type === 'generic_type' || type.type === 'subscript') {
    const head =
      type.type === 'generic_type' ? kids(type)[0] : field(type, 'value');
    if (isLooseType(project.resolve(scope, head))) return true;
    const args =
      type.type === 'generic_type'
        ? kids(kids(type)[1] ?? type).map(unwrapType)
        : type.childrenForFieldName('subscript').map(n => n ?? undefined);
    return args.some(arg => isLoose(project, scope, arg ?? undefined));
  }
  if (type.type === 'union_type') {
    return kids(type).some(member => isLoose(project, scope, member));
  }
  if (type.type === 'binary_operator') {
    return (
      isLoose(project, scope, field(type, 'left')) ||
      isLoose(project, scope, field(type, 'right'))
    );
  }
  return false;
}

function markerOf(
  project: PythonProject,
  scope: Scope,
  node: Node | undefined,
) {
  return node?.type === 'call'
    ? project.resolve(scope, callParts(node).callee)
    : undefined;
}

/** Why a route's body is not validated, or undefined when it is. */
function bodyProblem(
  project: PythonProject,
  rawReads: RawBodyReads,
  route: Route,
): string | undefined {
  for (const param of parametersOf(route.func)) {
    const annotated = annotatedParts(project, route.scope, param.annotation);
    const markers = [param.defaultValue, ...(annotated?.metadata ?? [])].map(
      n => markerOf(project, route.scope, n),
    );
    if (markers.some(isNonBodyMarker)) continue;
    const type = annotated?.type ?? param.annotation;
    if (isRequestClass(project.resolve(route.scope, unwrapType(type)))) {
      const inner = bodyScope(route.module, route.func);
      if (
        rawReads.reads(route.func, inner, param.name) &&
        !VERIFIES_SIGNATURE.test(route.func.text)
      )
        return `reads the raw request body of "${param.name}"`;
      continue;
    }
    if (isLoose(project, route.scope, type)) {
      return `takes "${param.name}" as an untyped ${
        unwrapType(type)?.text ?? 'value'
      }`;
    }
    if (markers.some(isBodyMarker) && !type)
      return `takes "${param.name}" as an untyped Body()`;
  }
  return undefined;
}

export const inputValidationCheck: Check = ({ model, project }) => {
  const mutating = distinctRoutes(
    model.routes.filter(route =>
      route.methods.some(method => MUTATING_METHODS.includes(method)),
    ),
  );
  if (mutating.length === 0)
    return outcome('not-applicable', 'No mutating routes.');
  const rawReads = new RawBodyReads(project);
  const offending = mutating.flatMap(route => {
    const problem = bodyProblem(project, rawReads, route);
    return problem ? [{ route, problem }] : [];
  });
  if (offending.length === 0) {
    return outcome(
      'pass',
      `${allOf(mutating.length, 'mutating route', {
        one: 'takes',
        many: 'take',
      })} typed models or form fields.`,
    );
  }
  return outcome(
    'fail',
    `${count(offending.length, 'handler')} of ${mutating.length} ${verbFor(
      offending.length,
      { one: 'accepts', many: 'accept' },
    )} unvalidated input.`,
    offending.map(({ route, problem }) =>
      evidenceAt(route.module, route.func, `${routeLabel(route)} ${problem}`),
    ),
  );
};
