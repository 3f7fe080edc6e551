import type { Route } from '../fastapi/model';
import type { Node } from '../python/parser';
import type { PythonProject } from '../python/project';
import { dottedName, field, kids, memo, stringValue } from '../python/syntax';
import { parametersOf } from '../fastapi/dependencies';

/** Path segments of routes that must stay reachable without a token. */
const PUBLIC_SEGMENTS = new Set([
  'token',
  'login',
  'log-in',
  'signin',
  'sign-in',
  'signup',
  'sign-up',
  'register',
  'password-recovery',
  'recover-password',
  'forgot-password',
  'reset-password',
  'access-token',
  'refresh',
  'refresh-token',
  'refresh_token',
  'verify',
  'verify-token',
  'logout',
  'log-out',
]);

/** Function or route names of the same public operations (`register`, `signup`, `login`…). */
const PUBLIC_NAME =
  /^(register|register_\w+|signup|sign_up|sign_up_\w+|login|log_in|login_\w+|signin|sign_in|refresh|refresh_token|refresh_access_token|verify|verify_token|logout|log_out|recover_password|reset_password|forgot_password)$/i;

/**
 * Password recovery in any word order, with a verb before or a noun after it:
 * `send-password-reset`, `password_reset_request`, `request_password_reset`, and checking
 * or confirming the e-mailed token (`validate-reset-password-token`, `confirm-password-reset`).
 * Not a change of password, which a signed-in user makes.
 */
const PASSWORD_RECOVERY =
  /^(?:(?:send|request|start|begin|validate|verify|check|confirm)[-_])?(?:password[-_](?:reset|recovery)|(?:reset|recover|forgot)[-_]password)(?:[-_](?:token|request|email|mail|link|code))?$/i;

/**
 * Confirming an e-mail address by the token mailed at sign-up, or asking for that mail
 * again: `confirm-email`, `verify_email`, `email-confirmation`,
 * `resend-confirmation-email`. The caller has no session yet. Not a change of address.
 */
const EMAIL_CONFIRMATION =
  /^(?:(?:re)?send[-_])?(?:(?:confirm|verify|validate)[-_]e-?mail|e-?mail[-_](?:confirmation|verification)|(?:confirmation|verification)[-_]e-?mail)(?:[-_](?:token|link|code))?$/i;

/**
 * The user or account collection's noun, in English and in the languages services are
 * often written in: Portuguese/Spanish (`usuarios`, `contas`, `cuentas`), French
 * (`utilisateurs`, `comptes`), German (`benutzer`, `konten`).
 */
const USER_NOUN =
  'users?|accounts?|usu[aá]rios?|contas?|cuentas?|utilisateurs?|comptes?|benutzer|kont(?:o|en)';
/** Verbs naming the creation: English, and `criar`/`cadastrar`/`crear`/`registrar`/`créer`. */
const CREATE_VERB =
  'create|write|add|new|save|register|signup|criar|cadastrar|crear|registrar|cr[eé]er';

/**
 * Sign-up as a POST to the user or account collection (`POST /api/v1/users` by
 * `create_user`, `POST /account` by `add_account`, `POST /contas` by `create_conta`), or
 * to an action path naming the same operation (`POST /save-user`, `/createUser` by `save_user`).
 */
const SIGN_UP_COLLECTION = new RegExp(
  `^(${USER_NOUN}|(create|save|add|new)[-_]?(user|account))$`,
  'i',
);
/** The same noun in the singular, as the creating function names it (`create_user`, `create_conta`). */
const ONE_USER =
  'user|account|usu[aá]rio|conta|cuenta|utilisateur|compte|benutzer|konto';
const SIGN_UP_NAME = new RegExp(`^(${CREATE_VERB})_(${ONE_USER})$`, 'i');

const HEALTH_SEGMENTS = new Set([
  'health',
  'healthz',
  'health-check',
  'healthcheck',
  'ping',
  'live',
  'livez',
  'liveness',
  'ready',
  'readyz',
  'readiness',
]);

/** A word every one of HEALTH_SEGMENTS contains. */
const HEALTH_WORD = /health|ping|live|ready/i;

/** `{camera_id}`, `{path:path}`; not a computed prefix such as `{settings.API_V1_STR}`. */
const PATH_PARAMETER = /^\{[a-z_][a-z0-9_]*(:\w+)?\}$/;

/**
 * /health, /api/v1/utils/health-check/, /health/live, and probes under a health prefix
 * (/api/health/heartbeat, /v1/public/health/redis). A health segment after a path
 * parameter (/cameras/{id}/health) is some resource's health, not the service's.
 */
export function isHealthPath(path: string): boolean {
  // Every health segment spells one of these: most paths need no split.
  if (!HEALTH_WORD.test(path)) return false;
  for (const segment of path.split('/').filter(Boolean)) {
    if (PATH_PARAMETER.test(segment)) return false;
    if (HEALTH_SEGMENTS.has(segment.toLowerCase())) return true;
  }
  return false;
}

/** The OAuth2 password flow: the route takes OAuth2PasswordRequestForm, or issues tokens. */
/**
 * The function takes OAuth2PasswordRequestForm. Kept on the function's node: the auth and
 * rate-limit checks both ask it of every mutating route.
 */
const takesPasswordForm = memo(
  (func: Node): boolean =>
    // Annotations and defaults are inside the parameter list: one search of it first.
    !!field(func, 'parameters')?.textIncludes('OAuth2PasswordRequestForm') &&
    parametersOf(func).some(param =>
      /OAuth2PasswordRequestForm/.test(
        `${param.annotation?.text ?? ''} ${param.defaultValue?.text ?? ''}`,
      ),
    ),
);

/** The route takes the OAuth2 password form, or issues tokens. */
function isTokenRoute(route: Route, project: PythonProject): boolean {
  if (takesPasswordForm(route.func)) return true;
  const declaredNode =
    route.keywords.get('response_model') ?? field(route.func, 'return_type');
  const declared = dottedName(declaredNode) ?? '';
  // Access/refresh tokens, not API tokens a signed-in user creates.
  return (
    /^(Token|Tokens|TokenPair|TokenResponse|(Access|Refresh|Auth|Jwt|JWT)Tokens?\w*|Login\w*)$/.test(
      declared.slice(declared.lastIndexOf('.') + 1),
    ) || declaresAccessToken(project, route, declaredNode)
  );
}

/** How many base classes of the service are followed for an `access_token` field. */
const BASE_DEPTH = 3;

/** The class body assigns `access_token` (a field of a pydantic model). Kept on the class: every route returning it asks. */
const hasAccessTokenField = memo((classNode: Node): boolean => {
  const body = field(classNode, 'body');
  if (!body?.textIncludes('access_token')) return false;
  return kids(body).some(
    statement =>
      statement.type === 'expression_statement' &&
      kids(statement).some(
        k =>
          k.type === 'assignment' && !!field(k, 'left')?.textIs('access_token'),
      ),
  );
});

/**
 * The declared response model is a class of the service with an `access_token` field
 * (`class AuthResponse(BaseModel): access_token: str`), itself or through its bases: the
 * route issues an access token, whatever the model is called.
 */
function declaresAccessToken(
  project: PythonProject,
  route: Route,
  declared: Node | undefined,
): boolean {
  // No module spells the field: no class can declare it (one search per project).
  if (!declared || !project.mentions('access_token')) return false;
  if (!/^[\w.]+$/.test(declared.text)) return false;
  let symbol = project.resolve(route.scope, declared);
  for (let depth = 0; depth <= BASE_DEPTH; depth++) {
    if (
      symbol?.kind !== 'definition' ||
      symbol.node.type !== 'class_definition'
    )
      return false;
    if (hasAccessTokenField(symbol.node)) return true;
    // The first base class of the service (a shared token model), if any.
    const bases = field(symbol.node, 'superclasses');
    const scope = symbol.scope;
    symbol = undefined;
    for (const base of bases ? kids(bases) : []) {
      const resolved = project.resolve(scope, base);
      if (resolved?.kind === 'definition') {
        symbol = resolved;
        break;
      }
    }
  }
  return false;
}

/** Segments of a route's full path, without path parameters. */
function literalSegments(route: Route): string[] {
  return route.fullPath.split('/').filter(s => s && !s.startsWith('{'));
}

/** Public by its path, its name or the OAuth2 flow; undefined when it is not. */
function namedPublicReason(
  route: Route,
  segments: string[],
  project: PythonProject,
): string | undefined {
  const segment = segments.find(
    s =>
      PUBLIC_SEGMENTS.has(s.toLowerCase()) ||
      PASSWORD_RECOVERY.test(s) ||
      EMAIL_CONFIRMATION.test(s),
  );
  if (segment) return `/${segment}`;
  const functionName = field(route.func, 'name')?.text ?? '';
  const routeName = stringValue(route.keywords.get('name')) ?? '';
  if (
    [functionName, routeName].some(
      name =>
        PUBLIC_NAME.test(name) ||
        PASSWORD_RECOVERY.test(name) ||
        EMAIL_CONFIRMATION.test(name),
    )
  )
    return `${functionName || routeName}`;
  if (isTokenRoute(route, project)) return 'issues tokens';
  return undefined;
}

/** A POST creating a user on the user collection (`POST /api/v1/users` by `create_user`) or its action path (`POST /save-user`). */
function isCollectionSignUp(route: Route, segments: string[]): boolean {
  const last = segments[segments.length - 1] ?? '';
  return (
    route.methods.includes('POST') &&
    SIGN_UP_COLLECTION.test(last) &&
    SIGN_UP_NAME.test(field(route.func, 'name')?.text ?? '')
  );
}

/** A health probe hidden from the schema. */
function isHiddenHealthProbe(route: Route): boolean {
  const hidden = route.keywords.get('include_in_schema')?.type === 'false';
  return hidden && isHealthPath(route.fullPath);
}

/** Why a route is public by nature by itself (not the collection sign-up); undefined when it is not. */
function ownPublicReason(
  route: Route,
  project: PythonProject,
): string | undefined {
  return (
    namedPublicReason(route, literalSegments(route), project) ??
    (isHiddenHealthProbe(route) ? 'health probe' : undefined)
  );
}

/**
 * The public-by-nature routes among `asked` (routes of `routes`), those that need no
 * authentication: login, token and refresh, sign-up, verification, password recovery,
 * logout, and hidden health probes, recognised by path, route name, function name and
 * the OAuth2 flow. A POST creating a user on the user collection counts as the sign-up
 * only when no route of `routes` is the sign-up by name or path (`/users/signup` makes
 * an unguarded `POST /private/users` a real gap). The auth check asks only about the
 * routes that do not authenticate: the others' reasons are read only for that rule.
 */
export function publicRoutesAmong(
  routes: Route[],
  project: PythonProject,
  asked: Route[] = routes,
): Set<Route> {
  const found = new Set<Route>();
  let explicitSignUp: boolean | undefined;
  for (const route of asked) {
    if (ownPublicReason(route, project) !== undefined) {
      found.add(route);
      continue;
    }
    if (!isCollectionSignUp(route, literalSegments(route))) continue;
    explicitSignUp ??= routes.some(other =>
      /register|sign-?_?up/i.test(ownPublicReason(other, project) ?? ''),
    );
    if (!explicitSignUp) found.add(route);
  }
  return found;
}

/** Path segments of routes that take a password or a client secret. */
const LOGIN_SEGMENTS = new Set([
  'token',
  'login',
  'log-in',
  'signin',
  'sign-in',
  'access-token',
]);
/** A word every one of LOGIN_SEGMENTS contains. */
const LOGIN_WORD = /token|log-?in|sign-?in/i;
const LOGIN_NAME = /^(login|log_in|login_\w+|signin|sign_in|\w+_login)$/i;
/**
 * Refreshing or verifying a token, and logging out, take no password; a sign-up takes
 * one (`register_user(form: OAuth2PasswordRequestForm)`) but checks none.
 */
const NOT_LOGIN = /refresh|verify|logout|log-out|log_out|register|sign-?_?up/i;

/**
 * A route that checks a password or client secret and issues a token (the rate-limit
 * check's authentication routes): by path, name, or the OAuth2 password flow, as
 * publicRoutesAmong recognises login; not refresh, verification or logout.
 */
export function isLoginRoute(route: Route, project: PythonProject): boolean {
  if (route.websocket || route.methods.every(m => m === 'GET' || m === 'HEAD'))
    return false;
  const functionName = field(route.func, 'name')?.text ?? '';
  const routeName = stringValue(route.keywords.get('name')) ?? '';
  // Asked of every route: its path is split only when it spells a login segment.
  const login =
    (LOGIN_WORD.test(route.fullPath) &&
      literalSegments(route).some(s => LOGIN_SEGMENTS.has(s.toLowerCase()))) ||
    LOGIN_NAME.test(functionName) ||
    LOGIN_NAME.test(routeName) ||
    isTokenRoute(route, project);
  // The exclusions only of the few that look like login.
  return (
    login &&
    ![...literalSegments(route), functionName, routeName].some(s =>
      NOT_LOGIN.test(s),
    ) &&
    !exchangesAuthorizationCode(route)
  );
}

/**
 * A token route that only exchanges an identity provider's authorization code
 * (`code: str = Form()`, swapped server-side with the app's own client secret): the
 * provider checked the password, so nothing here can be guessed at line speed.
 */
function exchangesAuthorizationCode(route: Route): boolean {
  const names = parametersOf(route.func).map(param => param.name);
  return (
    names.some(name => /^(code|auth_code|authorization_code)$/i.test(name)) &&
    !names.some(name => /password|secret|username|form/i.test(name)) &&
    !takesPasswordForm(route.func)
  );
}
