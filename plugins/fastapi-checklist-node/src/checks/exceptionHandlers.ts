import type { Evidence } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import type { Node } from '../python/parser';
import { nodesOf, PythonModule } from '../python/project';
import { callParts, field, kids, lineOf } from '../python/syntax';
import { AppHandoff, ServedApp } from '../fastapi/servedApp';
import { Check, count as countOf, evidenceAt, outcome } from './context';
import { exceptionCatchingMiddleware } from './exceptionMiddleware';
import { modulesMentioning } from './moduleFacts';

/** A place that registers exception handlers on something: what on, and how it reads. */
export type HandlerSite = {
  module: PythonModule;
  node: Node;
  /** The expression the handlers are registered on (the app, a router, a parameter). */
  target: Node | undefined;
  message: string;
};

/** `{}` and `{...}` literals, or a name bound to a non-empty one. */
function nonEmptyHandlers(module: PythonModule, value: Node | undefined) {
  if (!value) return false;
  if (value.type === 'identifier') {
    const bound = module.scope.assignments.get(value.text);
    return !!bound && bound.type === 'dictionary' && kids(bound).length > 0;
  }
  return kids(value).length > 0;
}

/**
 * Every place the application's code registers exception handlers, on whatever object:
 * `x.add_exception_handler(...)`, `@x.exception_handler(...)` (or called on a handler),
 * `FastAPI(exception_handlers={...})`, and Tortoise's `register_tortoise(x, …,
 * add_exception_handlers=True)`.
 */
export function handlerSites(modules: PythonModule[]): HandlerSite[] {
  const sites: HandlerSite[] = [];
  // Each way below spells one of these words in the module.
  for (const module of modulesMentioning(
    modules,
    /exception_handler|register_tortoise/,
  )) {
    for (const call of nodesOf(module, 'call')) {
      const parts = callParts(call);
      const callee = parts.callee;
      const method =
        callee?.type === 'attribute'
          ? field(callee, 'attribute')?.text
          : undefined;
      const object =
        callee?.type === 'attribute' ? field(callee, 'object') : undefined;
      if (method === 'add_exception_handler')
        sites.push({
          module,
          node: call,
          target: object,
          message: 'exception handler',
        });
      else if (
        method === 'exception_handler' &&
        (call.parent?.type === 'decorator' ||
          // x.exception_handler(E)(handler)
          (call.parent?.type === 'call' &&
            field(call.parent, 'function')?.is(call)))
      )
        sites.push({
          module,
          node: call,
          target: object,
          message: 'exception handler',
        });
      else if (
        callee?.text.endsWith('register_tortoise') &&
        parts.keywords.get('add_exception_handlers')?.type === 'true'
      )
        sites.push({
          module,
          node: call,
          target: parts.positional[0] ?? parts.keywords.get('app'),
          message: 'Tortoise exception handlers',
        });
      // x.exception_handlers.update({...}): the mapping FastAPI reads its handlers from.
      if (
        method === 'update' &&
        object?.type === 'attribute' &&
        field(object, 'attribute')?.textIs('exception_handlers')
      )
        sites.push({
          module,
          node: call,
          target: field(object, 'object'),
          message: 'exception handler',
        });
      const handlers = parts.keywords.get('exception_handlers');
      if (handlers && nonEmptyHandlers(module, handlers))
        sites.push({
          module,
          node: handlers.parent ?? handlers,
          target: call,
          message: 'exception_handlers=',
        });
    }
    // x.exception_handlers[404] = handler
    for (const assignment of nodesOf(module, 'assignment')) {
      const left = field(assignment, 'left');
      const mapping =
        left?.type === 'subscript' ? field(left, 'value') : undefined;
      if (
        mapping?.type === 'attribute' &&
        field(mapping, 'attribute')?.textIs('exception_handlers')
      )
        sites.push({
          module,
          node: assignment,
          target: field(mapping, 'object'),
          message: 'exception handler',
        });
    }
  }
  return sites;
}

/** The function a node is written in, by name (`register_exception_handlers`). */
function enclosingFunction(node: Node): Node | undefined {
  for (let up = node.parent; up; up = up.parent)
    if (up.type === 'function_definition') return up;
  return undefined;
}

/** Why a site registers nothing on the running app, for its evidence. */
function notRegistered(site: HandlerSite, router: boolean): string {
  if (router)
    return 'registered on an APIRouter, which has no exception handlers in FastAPI (only the app has)';
  const func = enclosingFunction(site.node);
  const name = func && field(func, 'name')?.text;
  return name
    ? `in ${name}(), which the code the server runs never calls with the app`
    : 'not on the app the service runs';
}

/** Evidence of one registration: the call that hands the app over (the line that decides), then the site. */
function registrationEvidence(
  site: HandlerSite,
  via: AppHandoff[],
): Evidence[] {
  const handoff = via[via.length - 1];
  return [
    ...(handoff
      ? [
          evidenceAt(
            handoff.module,
            handoff.call,
            `registers the exception handlers at ${site.module.path}:${lineOf(
              site.node,
            )} on the app`,
          ),
        ]
      : []),
    evidenceAt(site.module, site.node, site.message),
  ];
}

/** The same file and line once, first message kept. */
function distinct(evidence: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return evidence.filter(e => {
    const key = `${e.path}:${e.line}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export const exceptionHandlersCheck: Check = ({
  project,
  model,
  appModules,
  launch,
}) => {
  const sites = handlerSites(appModules);
  // What the server runs is worked out only when something could be registered there:
  // a handler, or a middleware (exceptionCatchingMiddleware reads only modules spelling it).
  const served =
    sites.length || modulesMentioning(appModules, /middleware/).length
      ? new ServedApp(project, model, appModules, launch)
      : undefined;
  const registered: Evidence[] = [];
  const unregistered: Evidence[] = [];
  let count = 0;
  for (const site of sites) {
    const reference = served?.ownerOf(site.module, site.target);
    if (served?.isServedApp(reference)) {
      count++;
      registered.push(...registrationEvidence(site, reference!.via));
    } else {
      unregistered.push(
        evidenceAt(
          site.module,
          site.node,
          notRegistered(site, reference?.owner.kind === 'router'),
        ),
      );
    }
  }
  if (count)
    return outcome(
      'pass',
      `${countOf(count, 'custom exception handler registration')} on the app.`,
      distinct(registered).slice(0, 6),
    );
  const middleware = served
    ? exceptionCatchingMiddleware(served, appModules)
    : [];
  if (middleware.length)
    return outcome(
      'warn',
      'No exception handler is registered on the app, but middleware turns uncaught exceptions into a response; HTTPException and validation errors keep FastAPI’s default bodies.',
      middleware.slice(0, 5),
    );
  if (unregistered.length)
    return outcome(
      'fail',
      `Exception handlers are defined but never registered on the app the service runs (${unregistered[0].path}:${unregistered[0].line} ${unregistered[0].message}); errors fall back to FastAPI defaults.`,
      unregistered.slice(0, 5),
    );
  return outcome(
    'fail',
    'No custom exception handler is registered; errors fall back to FastAPI defaults.',
  );
};
