import { nodesOf } from '../python/project';
import { callParts, field, kids } from '../python/syntax';
import { Check, evidenceAt, outcome } from './context';

export const exceptionHandlersCheck: Check = ({ appModules }) => {
  const found = appModules.flatMap(module =>
    nodesOf(module, 'call')
      .filter(call => {
        const callee = field(call, 'function');
        const name =
          callee?.type === 'attribute'
            ? field(callee, 'attribute')?.text
            : undefined;
        if (name === 'add_exception_handler') return true;
        // Tortoise registers its handlers on the app when asked to.
        if (
          callee?.text.endsWith('register_tortoise') &&
          callParts(call).keywords.get('add_exception_handlers')?.type ===
            'true'
        )
          return true;
        // @app.exception_handler(SomeError) decorates a handler.
        return (
          name === 'exception_handler' && call.parent?.type === 'decorator'
        );
      })
      .map(call => evidenceAt(module, call, 'exception handler')),
  );
  // FastAPI(exception_handlers={...}) registers them too.
  const viaConstructor = appModules.flatMap(module =>
    nodesOf(module, 'keyword_argument')
      .filter(
        arg =>
          !!field(arg, 'name')?.textIs('exception_handlers') &&
          kids(field(arg, 'value') ?? arg).length > 0,
      )
      .map(arg => evidenceAt(module, arg, 'exception_handlers=')),
  );
  const evidence = [...found, ...viaConstructor];
  return evidence.length
    ? outcome(
        'pass',
        `${evidence.length} custom exception handler registration(s).`,
        evidence,
      )
    : outcome(
        'fail',
        'No custom exception handler is registered; errors fall back to FastAPI defaults.',
      );
};
