import type { Node } from '../python/parser';
import type { PythonModule } from '../python/project';
import { PySymbol, PythonProject, Scope } from '../python/project';
import {
  callParts,
  descendants,
  field,
  kids,
  methodOfClass,
  reserveFactSlots,
} from '../python/syntax';
import { bodyWithHeaderNames } from './headerConstants';
import { Parameter, parametersOf } from './parameters';
import { bodyScope, returnedValues, ScopedNode } from './model';
import { NodeMap } from './nodeMap';
import {
  isAnnotated,
  isDependsCall,
  isLibraryScheme,
  isSecurityScheme,
} from './names';
import {
  isLibraryUserAccessor,
  isLibraryUserDependency,
} from './authLibraries';
import { classMethod, splitCredentialCheck } from './splitCredentialCheck';

export { parametersOf } from './parameters';
export type { Parameter } from './parameters';

type AnnotatedParts = { type: Node; metadata: Node[] };

/** annotatedParts' per-node memo: the scope last asked from, and its answer. */
const ANNOTATED_SCOPE = reserveFactSlots(2);
const ANNOTATED_PARTS = ANNOTATED_SCOPE + 1;

/**
 * `Annotated[T, meta…]` in either a type position (generic_type) or an expression
 * (subscript). Kept on the node: an alias such as `CurrentUser` is taken apart again for
 * every parameter it annotates, by the auth and input-validation checks alike.
 */
export function annotatedParts(
  project: PythonProject,
  scope: Scope,
  node: Node | undefined,
): AnnotatedParts | undefined {
  // Only a subscript can be `Annotated[…]`: the others (`int`, `CurrentUser`) keep no facts.
  if (!node?.textIncludes('[')) return undefined;
  if (node.fact(ANNOTATED_SCOPE) === scope)
    return node.fact(ANNOTATED_PARTS) as AnnotatedParts | undefined;
  const parts = takeAnnotatedApart(project, scope, node);
  node.setFact(ANNOTATED_SCOPE, scope);
  node.setFact(ANNOTATED_PARTS, parts);
  return parts;
}

function takeAnnotatedApart(
  project: PythonProject,
  scope: Scope,
  node: Node,
): AnnotatedParts | undefined {
  let current: Node | undefined = node;
  while (
    current &&
    (current.type === 'type' || current.type === 'parenthesized_expression')
  )
    current = current.firstNamedChild ?? undefined;
  if (!current) return undefined;
  if (current.type === 'generic_type') {
    const [name, params] = kids(current);
    if (!isAnnotated(project.resolve(scope, name)) || !params) return undefined;
    const items = kids(params).map(t =>
      t.type === 'type' ? t.firstNamedChild ?? t : t,
    );
    return items.length
      ? { type: items[0], metadata: items.slice(1) }
      : undefined;
  }
  if (current.type === 'subscript') {
    if (!isAnnotated(project.resolve(scope, field(current, 'value'))))
      return undefined;
    const items = current
      .childrenForFieldName('subscript')
      .filter((n): n is Node => !!n);
    return items.length
      ? { type: items[0], metadata: items.slice(1) }
      : undefined;
  }
  return undefined;
}

/**
 * How a dependency authenticates the caller: through a `fastapi.security` scheme
 * (documented in OpenAPI), or a home-made check (a function that reads the credentials
 * or the authenticated user and rejects the request); where that is decided.
 */
export type Protection = {
  kind: 'scheme' | 'check';
  module: PythonModule;
  node: Node;
  /**
   * A scheme or user dependency of an authentication library (fastapi-azure-auth,
   * fastapi-jwt, fastapi-users, fastapi-keycloak, authx), not a fastapi.security class.
   */
  library?: true;
};

/**
 * Reads a credential: the Authorization or an API-key header, a cookie, the session
 * Starlette's SessionMiddleware keeps in a signed cookie (`request.session["user_id"]`),
 * or the user an authentication middleware set.
 */
export const READS_CREDENTIAL =
  /headers(\.get\(|\[)\s*["'](authorization|x-api-key|api-key|api_key|x-token|x-auth-token)["']|\brequest\.(user|auth)\b|\.cookies(\.get\(|\[)|\brequest\.session(\.get\(|\[)/i;
/**
 * Rejects the request as unauthenticated or forbidden: 401/403 (a literal, starlette's
 * `status.HTTP_401_…` or the standard library's `HTTPStatus.UNAUTHORIZED`/`FORBIDDEN`), an
 * authentication error, or (HTML flows) a redirect to the login page raised as an HTTPException
 * (`raise HTTPException(status_code=307, headers={"Location": url_for("auth:login")})`).
 */
export const REJECTS =
  /HTTP_40[13]_|\bHTTPStatus\.(?:UNAUTHORIZED|FORBIDDEN)\b|status_code\s*=\s*40[13]\b|HTTPException\(\s*40[13]\b|raise\s+[\w.]*(Unauthori[sz]ed|Forbidden|Credential|Authentication|Authorization|Token|Permission)\w*|raise\s+(?:[\w.]+\.)?HTTPException\(\s*(?:status_code\s*=\s*)?(?:[\w.]*HTTP_30[1237]_\w+|30[1237]\b)[\s\S]{0,300}?(?:[Ll]og|[Ss]ign)_?[Ii]n/;
/** Names that say a function establishes who the caller is. */
const AUTH_NAME =
  /current_user|auth|verify|credential|api_key|token|permission|require/i;

/**
 * Decides which functions and objects depend, directly or transitively, on a security
 * scheme (OAuth2PasswordBearer, HTTPBearer, APIKeyHeader…) or a home-made credential
 * check, following Depends/Security, Annotated aliases, dependency factories, class-based
 * dependencies and instances with __call__.
 */
export class DependencyAnalyzer {
  /** functionProtection's answers, without and with the function's own body (`selfCheck`). */
  private readonly memo = [
    new NodeMap<Protection | null>(),
    new NodeMap<Protection | null>(),
  ];

  constructor(private readonly project: PythonProject) {}

  /** The dependency calls (Depends/Security) a parameter declares, with their scopes. */
  parameterDependencies(param: Parameter, scope: Scope): ScopedNode[] {
    const found: ScopedNode[] = [];
    this.addIfDependency(found, param.defaultValue, scope);
    this.addAnnotationDependencies(found, param.annotation, scope, 0);
    return found;
  }

  private addIfDependency(
    found: ScopedNode[],
    node: Node | undefined,
    where: Scope,
  ): void {
    if (
      node?.type === 'call' &&
      isDependsCall(this.project.resolve(where, field(node, 'function')))
    ) {
      found.push({ node, scope: where, module: where.module });
    }
  }

  private addAnnotationDependencies(
    found: ScopedNode[],
    annotation: Node | undefined,
    where: Scope,
    depth: number,
  ): void {
    if (!annotation || depth > 5) return;
    const annotated = annotatedParts(this.project, where, annotation);
    if (annotated) {
      for (const meta of annotated.metadata)
        this.addIfDependency(found, meta, where);
      return;
    }
    // An alias such as CurrentUser = Annotated[User, Depends(get_current_user)].
    const alias = this.project.resolve(
      where,
      annotation.type === 'type'
        ? annotation.firstNamedChild ?? undefined
        : annotation,
    );
    if (alias?.kind === 'value')
      this.addAnnotationDependencies(found, alias.node, alias.scope, depth + 1);
  }

  /** True when a Depends(...)/Security(...) call (or a bare dependency list item) is secured. */
  isSecured(dependency: ScopedNode): boolean {
    return !!this.protectionOf(dependency);
  }

  /** What authenticates through a Depends(...)/Security(...) call or a bare dependency list item. */
  protectionOf(dependency: ScopedNode, depth = 0): Protection | undefined {
    const { node, scope } = dependency;
    if (node.type !== 'call') return this.targetProtection(node, scope, depth);
    const parts = callParts(node);
    if (!isDependsCall(this.project.resolve(scope, parts.callee)))
      return this.targetProtection(node, scope, depth);
    const target = parts.positional[0] ?? parts.keywords.get('dependency');
    return target ? this.targetProtection(target, scope, depth) : undefined;
  }

  /** True when any dependency of the function (its parameters) is secured. */
  isSecureFunction(func: Node, scope: Scope, depth = 0): boolean {
    return !!this.functionProtection(func, scope, depth, false);
  }

  /**
   * What authenticates a function used as a dependency (or a path operation): one of its
   * own dependencies, or (`selfCheck`) its own body when it is a credential check.
   */
  functionProtection(
    func: Node,
    scope: Scope,
    depth = 0,
    selfCheck = true,
  ): Protection | undefined {
    const memo = this.memo[selfCheck ? 1 : 0];
    const known = memo.get(scope.module, func);
    if (known !== undefined) return known ?? undefined;
    memo.set(scope.module, func, null); // cycle guard
    let result: Protection | undefined;
    if (depth < 12) {
      for (const param of parametersOf(func)) {
        for (const dep of this.parameterDependencies(param, scope)) {
          result =
            this.protectionOf(dep, depth + 1) ??
            this.refusedWhenMissing(func, param, dep) ??
            this.checkedOptionalScheme(func, dep);
          if (result) break;
        }
        if (result) break;
      }
      if (
        !result &&
        selfCheck &&
        (this.isCredentialCheck(func, scope) || this.isSplitCheck(func, scope))
      )
        result = { kind: 'check', module: scope.module, node: func };
    }
    memo.set(scope.module, func, result ?? null);
    return result;
  }

  /** A home-made check: reads credentials or the authenticated user, and rejects. */
  private isCredentialCheck(func: Node, scope: Scope): boolean {
    const body = field(func, 'body')?.text ?? '';
    const name = field(func, 'name')?.text ?? '';
    if (!REJECTS.test(body)) return false;
    return this.readsCredential(func, scope) || AUTH_NAME.test(name);
  }

  /**
   * A home-made check spread over the project functions an authentication-named
   * dependency calls: one reads the credential, another refuses (splitCredentialCheck).
   */
  private isSplitCheck(func: Node, scope: Scope): boolean {
    return (
      AUTH_NAME.test(field(func, 'name')?.text ?? '') &&
      splitCredentialCheck(
        this.project,
        scope.module,
        func,
        text => READS_CREDENTIAL.test(text),
        text => REJECTS.test(text),
      )
    );
  }

  /**
   * Reads the Authorization/API-key header, a cookie or `request.user`: in its body, as a
   * `Header()` parameter of that name, or as any `Cookie()` parameter
   * (`session: Annotated[str | None, Cookie()] = None`, `token: str = Cookie(None)`).
   */
  private readsCredential(func: Node, scope: Scope): boolean {
    return (
      // Header names given by constants (`headers.get(AUTH_HEADER)`) read as the literal.
      READS_CREDENTIAL.test(bodyWithHeaderNames(this.project, scope, func)) ||
      parametersOf(func).some(param => {
        const declared = `${param.defaultValue?.text ?? ''} ${
          param.annotation?.text ?? ''
        }`;
        return (
          (/^(authorization|x_api_key|api_key|x_token)$/i.test(param.name) &&
            /Header\(/.test(declared)) ||
          /\bCookie\(/.test(declared)
        );
      })
    );
  }

  /**
   * A check split in two: the dependency reads the credential and answers None when it
   * is missing or unknown, and the function taking it refuses that
   * (`station = Depends(station_of)` … `if not station: raise HTTPException(401)`); or
   * the dependency is an authentication library's accessor of the user its middleware
   * set (`user = Depends(get_user)` … `if not user or not user.is_authenticated: raise
   * HTTPException(401)`).
   */
  private refusedWhenMissing(
    func: Node,
    param: Parameter,
    dependency: ScopedNode,
  ): Protection | undefined {
    if (dependency.node.type !== 'call' || !/^\w+$/.test(param.name))
      return undefined;
    const parts = callParts(dependency.node);
    const target = parts.positional[0] ?? parts.keywords.get('dependency');
    const symbol = target && this.project.resolve(dependency.scope, target);
    const accessor = isLibraryUserAccessor(symbol);
    if (
      !accessor &&
      (symbol?.kind !== 'definition' ||
        symbol.node.type !== 'function_definition' ||
        !this.readsCredential(symbol.node, symbol.scope))
    )
      return undefined;
    const missing = new RegExp(
      `^\\(?\\s*(not\\s+${param.name}\\b|${param.name}\\s+is\\s+None\\b)`,
    );
    const body = field(func, 'body');
    const refuses = (body ? descendants(body, 'if_statement') : []).some(
      statement =>
        missing.test(field(statement, 'condition')?.text ?? '') &&
        REJECTS.test(field(statement, 'consequence')?.text ?? ''),
    );
    if (!refuses) return undefined;
    // The library's accessor cannot be shown: the function refusing is the check.
    return symbol?.kind === 'definition'
      ? { kind: 'check', module: symbol.scope.module, node: symbol.node }
      : { kind: 'check', module: dependency.module, node: func };
  }

  /**
   * A scheme made with `auto_error=False` taken by a function that refuses the request
   * itself (`header = Security(APIKeyHeader(name="token", auto_error=False))`, then
   * `raise HTTPException(401)` when it is missing or wrong).
   */
  private checkedOptionalScheme(
    func: Node,
    dependency: ScopedNode,
  ): Protection | undefined {
    const { node, scope } = dependency;
    let target: Node | undefined = node;
    if (
      node.type === 'call' &&
      isDependsCall(this.project.resolve(scope, field(node, 'function')))
    ) {
      const parts = callParts(node);
      target = parts.positional[0] ?? parts.keywords.get('dependency');
    }
    let made = target;
    let where = scope;
    if (target?.type === 'identifier' || target?.type === 'attribute') {
      const symbol = this.project.resolve(scope, target);
      if (symbol?.kind === 'value') {
        made = symbol.node;
        where = symbol.scope;
      }
    }
    if (
      made?.type !== 'call' ||
      !optionalScheme(made) ||
      !REJECTS.test(field(func, 'body')?.text ?? '')
    )
      return undefined;
    const scheme = this.project.resolve(where, field(made, 'function'));
    return scheme && this.isSecuritySubclass(scheme)
      ? {
          kind: 'scheme',
          module: where.module,
          node: made,
          ...(isLibraryScheme(scheme) && { library: true }),
        }
      : undefined;
  }

  private targetProtection(
    node: Node,
    scope: Scope,
    depth: number,
  ): Protection | undefined {
    if (depth > 12) return undefined;
    // A library's user dependency (fastapi-users, fastapi-keycloak, authx).
    if (isLibraryUserDependency(this.project, scope, node))
      return { kind: 'scheme', module: scope.module, node, library: true };
    if (node.type === 'call') {
      const scoped = this.librarySchemeScope(node, scope, depth);
      if (scoped) return scoped;
      const callee = this.project.resolve(scope, field(node, 'function'));
      return this.callableProtection(callee, node, scope, depth, true);
    }
    const symbol = this.project.resolve(scope, node);
    // `Depends(AuthUtils.get_current_user)`: a static method read from its class.
    const method = symbol ? undefined : classMethod(this.project, scope, node);
    if (method)
      return this.functionProtection(method.func, method.scope, depth + 1);
    return this.callableProtection(symbol, node, scope, depth, false);
  }

  /** `instance` is true when the symbol is being called to create the dependency object. */
  private callableProtection(
    symbol: PySymbol | undefined,
    node: Node,
    scope: Scope,
    depth: number,
    instance: boolean,
  ): Protection | undefined {
    if (!symbol) return undefined;
    if (symbol.kind === 'external')
      return instance && isSecurityScheme(symbol) && !optionalScheme(node)
        ? {
            kind: 'scheme',
            module: scope.module,
            node,
            ...(isLibraryScheme(symbol) && { library: true }),
          }
        : undefined;
    if (symbol.kind === 'value') {
      const value = symbol.node;
      // DependsAuth = Depends(HTTPBearer()) used as a bare dependency.
      if (value.type === 'call') {
        const callee = this.project.resolve(
          symbol.scope,
          field(value, 'function'),
        );
        if (isDependsCall(callee))
          return this.protectionOf(
            { node: value, scope: symbol.scope, module: symbol.scope.module },
            depth + 1,
          );
      }
      return value.type === 'call' ||
        value.type === 'identifier' ||
        value.type === 'attribute'
        ? this.targetProtection(value, symbol.scope, depth + 1)
        : undefined;
    }
    if (symbol.kind !== 'definition') return undefined;
    if (symbol.node.type === 'function_definition') {
      const inner = bodyScope(symbol.scope.module, symbol.node);
      if (instance) {
        // Depends(make_auth_dependency(required=True)): the factory's return value is
        // the dependency.
        for (const value of returnedValues(symbol.node)) {
          for (const choice of alternatives(value)) {
            const found = this.targetProtection(choice, inner, depth + 1);
            if (found) return found;
          }
        }
        return undefined;
      }
      return this.functionProtection(symbol.node, symbol.scope, depth + 1);
    }
    // A class: a security scheme subclass, or a class-based dependency (__init__ / __call__).
    const scheme = this.schemeBase(symbol, depth);
    if (scheme)
      return instance && !optionalScheme(node)
        ? {
            kind: 'scheme',
            module: scope.module,
            node,
            ...(isLibraryScheme(scheme) && { library: true }),
          }
        : undefined;
    const method = methodOfClass(
      symbol.node,
      instance ? '__call__' : '__init__',
    );
    return method
      ? this.functionProtection(method, symbol.scope, depth + 1)
      : undefined;
  }

  /**
   * `verifier.scope("write:items")` on an authentication library's scheme object
   * (fastapi-cloudauth's `Auth0(…)`, `Cognito(…)`): a scheme of its own that also checks
   * the token's scopes, made with the object's `auto_error`.
   */
  private librarySchemeScope(
    node: Node,
    scope: Scope,
    depth: number,
  ): Protection | undefined {
    const callee = field(node, 'function');
    if (
      callee?.type !== 'attribute' ||
      field(callee, 'attribute')?.text !== 'scope'
    )
      return undefined;
    const made = this.project.resolve(scope, field(callee, 'object'));
    if (made?.kind !== 'value' || made.node.type !== 'call') return undefined;
    const scheme = this.project.resolve(
      made.scope,
      field(made.node, 'function'),
    );
    const base = scheme && this.schemeBase(scheme, depth + 1);
    return base && isLibraryScheme(base) && !optionalScheme(made.node)
      ? { kind: 'scheme', module: scope.module, node, library: true }
      : undefined;
  }

  isSecuritySubclass(symbol: PySymbol, depth = 0): boolean {
    return !!this.schemeBase(symbol, depth);
  }

  /**
   * The fastapi.security or library scheme class that `symbol` is or derives from
   * (through the project's own classes), so a subclass is named for where it comes from.
   */
  private schemeBase(symbol: PySymbol, depth: number): PySymbol | undefined {
    if (symbol.kind === 'external')
      return isSecurityScheme(symbol) ? symbol : undefined;
    if (
      symbol.kind !== 'definition' ||
      symbol.node.type !== 'class_definition' ||
      depth > 12
    )
      return undefined;
    const bases = field(symbol.node, 'superclasses');
    for (const base of bases ? kids(bases) : []) {
      const resolved = this.project.resolve(symbol.scope, base);
      const scheme = resolved && this.schemeBase(resolved, depth + 1);
      if (scheme) return scheme;
    }
    return undefined;
  }
}

/** `a if c else b` → [a, b]; anything else → [itself]. */
function alternatives(value: Node): Node[] {
  if (value.type !== 'conditional_expression') return [value];
  const parts = kids(value);
  return [parts[0], parts[2]].filter((n): n is Node => !!n);
}

/** A scheme made with `auto_error=False` lets requests without credentials through. */
function optionalScheme(node: Node): boolean {
  return (
    node.type === 'call' &&
    callParts(node).keywords.get('auto_error')?.text === 'False'
  );
}
