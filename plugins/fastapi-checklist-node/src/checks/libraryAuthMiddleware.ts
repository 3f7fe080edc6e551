import type { Node } from '../python/parser';
import { isExternal, nodesOf } from '../python/project';
import type { Scope } from '../python/project';
import { callParts, field, sequenceItems, stringValue } from '../python/syntax';
import { evidenceAt, ServiceContext } from './context';
import type { MiddlewareGuard } from './authMiddleware';

const KEYCLOAK = ['fastapi_keycloak_middleware'];

/**
 * The paths an authentication middleware leaves out, as regular expressions matched at
 * the start of the path (Python's `re.match`), from a literal list of strings; undefined
 * when the list cannot be read or a pattern is not one JavaScript reads the same way.
 */
function excludedPatterns(node: Node | undefined): RegExp[] | undefined {
  if (!node) return [];
  const items = sequenceItems(node);
  if (!items) return undefined;
  const patterns: RegExp[] = [];
  for (const item of items) {
    const text = stringValue(item);
    if (text === undefined || /\(\?P?[<=!]/.test(text)) return undefined;
    try {
      patterns.push(new RegExp(`^(?:${text})`));
    } catch {
      return undefined;
    }
  }
  return patterns;
}

/**
 * An authentication library's middleware on an app of the service: fastapi-keycloak-
 * middleware refuses a request without a valid token (401) on every path its
 * `exclude_patterns` do not match, whether added with `app.add_middleware(
 * KeycloakMiddleware, …)`, by `setup_keycloak_middleware(app, …)`, or made around the
 * app (`KeycloakMiddleware(app=app, …)`). Patterns it cannot read leave it uncounted.
 */
export function libraryAuthMiddleware({
  project,
  model,
  runtimeModules,
}: ServiceContext): MiddlewareGuard[] {
  if (!project.mentions('fastapi_keycloak_middleware')) return [];
  const guards: MiddlewareGuard[] = [];
  const isApp = (scope: Scope, node: Node | undefined) =>
    model.ownerOf(scope, node)?.kind === 'app';
  for (const module of runtimeModules) {
    for (const call of nodesOf(module, 'call')) {
      const scope = project.scopeAt(module, call);
      const parts = callParts(call);
      const callee = field(call, 'function');
      const target = project.resolve(scope, callee);
      let name: string | undefined;
      if (
        isExternal(target, KEYCLOAK, [
          'setup_keycloak_middleware',
          'KeycloakMiddleware',
        ]) &&
        isApp(scope, parts.keywords.get('app') ?? parts.positional[0])
      )
        name = callee!.text.split('.').pop();
      else if (
        callee?.type === 'attribute' &&
        field(callee, 'attribute')?.text === 'add_middleware' &&
        isExternal(project.resolve(scope, parts.positional[0]), KEYCLOAK, [
          'KeycloakMiddleware',
        ]) &&
        isApp(scope, field(callee, 'object'))
      )
        name = 'KeycloakMiddleware';
      if (!name) continue;
      const patterns = excludedPatterns(parts.keywords.get('exclude_patterns'));
      if (!patterns) continue;
      guards.push({
        evidence: evidenceAt(
          module,
          call,
          `${name} (fastapi-keycloak-middleware)`,
        ),
        name,
        library: true,
        covers: route => !patterns.some(p => p.test(route.fullPath)),
      });
    }
  }
  return guards;
}
