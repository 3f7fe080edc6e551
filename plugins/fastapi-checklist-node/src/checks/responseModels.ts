import { field, kids } from '../python/syntax';
import { allOf, Check, count, evidenceAt, outcome, verbFor } from './context';
import { isResponseClass } from '../fastapi/names';
import { distinctRoutes } from '../fastapi/distinctRoutes';
import { routeLabel } from './routeLabel';

export const responseModelsCheck: Check = ({ model, project }) => {
  const routes = distinctRoutes(model.routes.filter(route => !route.websocket));
  if (routes.length === 0)
    return outcome('not-applicable', 'No HTTP routes found.');
  const lacking = routes.filter(route => {
    const declared = route.keywords.get('response_model');
    const returnType = field(route.func, 'return_type');
    if (declared && declared.type !== 'none') return false;
    if (!returnType) return true;
    // response_model=None is only an explicit choice when a Response is returned.
    if (declared?.type === 'none') {
      const [inner] = kids(returnType);
      return !isResponseClass(project.resolve(route.scope, inner));
    }
    return false;
  });
  if (lacking.length === 0) {
    return outcome(
      'pass',
      `${allOf(routes.length, 'HTTP route', {
        one: 'declares',
        many: 'declare',
      })} a response model or return type.`,
    );
  }
  return outcome(
    'fail',
    `${count(lacking.length, 'route')} of ${routes.length} ${verbFor(
      lacking.length,
      { one: 'declares', many: 'declare' },
    )} neither response_model nor a return type.`,
    lacking.map(route =>
      evidenceAt(
        route.module,
        route.func,
        `${routeLabel(route)} has no response model`,
      ),
    ),
  );
};
