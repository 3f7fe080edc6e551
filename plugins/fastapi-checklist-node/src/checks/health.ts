import { Check, evidenceAt, outcome } from './context';
import { isHealthPath } from './publicRoutes';
import { routeLabel } from './routeLabel';

export const healthCheck: Check = ({ model }) => {
  const health = model.routes.filter(
    route =>
      !route.websocket &&
      (route.methods.includes('GET') || route.methods.includes('HEAD')) &&
      isHealthPath(route.fullPath),
  );
  if (health.length) {
    return outcome('pass', `Health route ${routeLabel(health[0])}.`, [
      evidenceAt(health[0].module, health[0].func, routeLabel(health[0])),
    ]);
  }
  return outcome(
    'fail',
    'No GET health route (/health, /healthz, /ping, /ready…) found.',
  );
};
