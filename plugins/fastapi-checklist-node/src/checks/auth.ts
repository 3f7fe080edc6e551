import { nodesOf } from '../python/project';
import { isSecurityScheme } from '../fastapi/names';
import { MUTATING_METHODS } from '../fastapi/model';
import { field } from '../python/syntax';
import { Check, count, evidenceAt, outcome } from './context';
import { isPublicByDesign } from './publicRoutes';
import { distinctRoutes } from '../fastapi/distinctRoutes';
import { routeLabel } from './routeLabel';

export const authCheck: Check = ({
  model,
  project,
  dependencies,
  appModules,
}) => {
  const schemes = appModules.flatMap(module =>
    nodesOf(module, 'call')
      .filter(call => {
        const callee = project.resolve(
          project.scopeAt(module, call),
          field(call, 'function'),
        );
        return (
          callee &&
          (isSecurityScheme(callee) || dependencies.isSecuritySubclass(callee))
        );
      })
      .map(call => ({ module, call })),
  );
  const mutating = distinctRoutes(
    model.routes.filter(route =>
      route.methods.some(method => MUTATING_METHODS.includes(method)),
    ),
  );
  const guarded = mutating.filter(route => !isPublicByDesign(route));
  if (guarded.length === 0) {
    return outcome(
      'not-applicable',
      'No mutating routes that need authentication.',
    );
  }
  if (schemes.length === 0) {
    return outcome(
      'fail',
      `No security scheme found, so none of the ${count(
        guarded.length,
        'mutating route',
      )} can require authentication.`,
      guarded.map(route =>
        evidenceAt(route.module, route.func, `${routeLabel(route)} is public`),
      ),
    );
  }
  const unprotected = guarded.filter(
    route =>
      !route.inheritedDependencies.some(dep => dependencies.isSecured(dep)) &&
      !dependencies.isSecureFunction(route.func, route.scope),
  );
  if (unprotected.length === 0) {
    return outcome(
      'pass',
      `All ${count(
        guarded.length,
        'mutating route',
      )} depend on the security scheme at ${schemes[0].module.path}.`,
      [evidenceAt(schemes[0].module, schemes[0].call, 'security scheme')],
    );
  }
  return outcome(
    'fail',
    `${count(unprotected.length, 'mutating route')} of ${
      guarded.length
    } do not depend on the security scheme.`,
    unprotected.map(route =>
      evidenceAt(
        route.module,
        route.func,
        `${routeLabel(route)} has no auth dependency`,
      ),
    ),
  );
};
