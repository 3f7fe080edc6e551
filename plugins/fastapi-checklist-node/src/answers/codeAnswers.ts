import type {
  InferredAnswer,
  InferredAnswers,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import type { ServiceContext } from '../checks/context';
import { workerCount } from '../checks/workers';
import type { Route } from '../fastapi/model';
import { isSecurityScheme } from '../fastapi/names';
import { parametersOf } from '../fastapi/parameters';
import type { Node } from '../python/parser';
import { isExternal, nodesOf, PythonModule } from '../python/project';
import {
  dottedName,
  field,
  lineOf,
  sequenceItems,
  stringValue,
} from '../python/syntax';
import { pythonVersionAnswer } from './pythonVersionAnswer';
import { settingsFields } from './settingsFields';

type CodeAnswers = Pick<
  InferredAnswers,
  | 'database'
  | 'auth'
  | 'resource'
  | 'websockets'
  | 'backgroundTasks'
  | 'corsOrigins'
  | 'pythonVersion'
  | 'workers'
>;

const KEBAB_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/** The Create form's origin rule and its limit (template.yaml). */
const ORIGIN = /^https?:\/\/[^/*?#@\s]+\/?$/;
const MAX_ORIGINS = 20;
const MAX_WORKERS = 32;

const at = <T>(
  value: T,
  module: PythonModule,
  node: Node,
): InferredAnswer<T> => ({ value, path: module.path, line: lineOf(node) });

/** The database a `DATABASE_URL` default names, by its scheme. */
function databaseOf(url: string | undefined) {
  if (url?.startsWith('sqlite:')) return 'sqlite' as const;
  if (/^postgresql(\+\w+)?:\/\//.test(url ?? '')) return 'postgresql' as const;
  return undefined;
}

/** Database clients and ORMs: a service importing one keeps data somewhere. */
const DATABASE_LIBRARIES =
  /^(sqlmodel|sqlalchemy|sqlite3|aiosqlite|psycopg|psycopg2|asyncpg|databases|pymysql|aiomysql|mysql|motor|pymongo|beanie|odmantic|mongoengine|redis|tortoise|peewee|piccolo|pony|ormar|edgedb|cassandra|elasticsearch|boto3|aioboto3|google\.cloud)(\.|$)/;

/** True when some module of the service imports a database client (so it has one). */
function importsDatabase(context: ServiceContext): boolean {
  return context.appModules.some(module =>
    [...module.imports.values()].some(name => DATABASE_LIBRARIES.test(name)),
  );
}

/** Every call in the app's modules that creates a FastAPI security scheme. */
function securitySchemes(context: ServiceContext) {
  const { project, appModules } = context;
  return appModules.flatMap(module =>
    nodesOf(module, 'call')
      .filter(call =>
        isSecurityScheme(
          project.resolve(
            project.scopeAt(module, call),
            field(call, 'function'),
          ),
        ),
      )
      .map(call => ({ module, call })),
  );
}

const isCollectionRoute = (route: Route, path: string, method: string) =>
  !route.websocket &&
  route.mounted &&
  route.fullPath.replace(/\/$/, '') === path &&
  route.methods.includes(method);

const isItemRoute = (route: Route, path: string, method: string) =>
  !route.websocket &&
  route.mounted &&
  new RegExp(`^${path}/\\{\\w+\\}$`).test(route.fullPath) &&
  route.methods.includes(method);

/**
 * The CRUD resource: the one first path segment served as a collection (GET and POST
 * `/<resource>`) and as items (GET and DELETE `/<resource>/{id}`), with its list and
 * create routes.
 */
function crudResource(context: ServiceContext) {
  const routes = context.model.routes;
  const segments = new Set(
    routes
      .map(route => /^\/([^/{}]+)/.exec(route.fullPath)?.[1])
      .filter((segment): segment is string => !!segment),
  );
  const found = [...segments].flatMap(segment => {
    if (!KEBAB_NAME.test(segment)) return [];
    const path = `/${segment}`;
    const list = routes.find(r => isCollectionRoute(r, path, 'GET'));
    const create = routes.find(r => isCollectionRoute(r, path, 'POST'));
    const crud =
      list &&
      create &&
      routes.some(r => isItemRoute(r, path, 'GET')) &&
      routes.some(r => isItemRoute(r, path, 'DELETE'));
    return crud ? [{ segment, list, create }] : [];
  });
  return found.length === 1 ? found[0] : undefined;
}

/** The parameter of a route's function annotated with FastAPI's BackgroundTasks. */
function backgroundTasksParameter(context: ServiceContext, route: Route) {
  return parametersOf(route.func).find(
    parameter =>
      parameter.annotation &&
      isExternal(
        context.project.resolve(route.scope, parameter.annotation),
        ['fastapi', 'starlette'],
        ['BackgroundTasks'],
      ),
  );
}

/** A list literal of plain strings, each an origin the Create form accepts. */
function originsOf(node: Node): string[] | undefined {
  const items = sequenceItems(node);
  if (node.type !== 'list' || !items || items.length > MAX_ORIGINS)
    return undefined;
  const origins = items.map(item => stringValue(item));
  return origins.every(
    (origin): origin is string => !!origin && ORIGIN.test(origin),
  )
    ? origins
    : undefined;
}

/**
 * The Create form's answers the service's code states, read from the analyzer's model
 * of it (settings defaults, routes, the container's command). A field is left out when
 * the code does not state it unambiguously; `false`/`none` answers are claimed only from
 * the positive absence the template leaves (no WebSocket route at all, no ORM import).
 */
export function codeAnswers(context: ServiceContext): CodeAnswers {
  const answers: CodeAnswers = {};
  const settings = settingsFields(context);
  const [app] = context.model.apps;

  if (settings) {
    const { module, cls, defaults } = settings;
    const url = defaults.get('DATABASE_URL');
    const database = databaseOf(stringValue(url));
    if (url && database) answers.database = at(database, module, url);
    else if (!url && !importsDatabase(context))
      answers.database = at('none' as const, module, cls);

    const schemes = securitySchemes(context);
    const secret = defaults.get('SECRET_KEY');
    const oauth2 = schemes.filter(
      ({ call }) =>
        dottedName(field(call, 'function'))?.split('.').pop() ===
        'OAuth2PasswordBearer',
    );
    if (secret && schemes.length > 0 && oauth2.length === schemes.length)
      answers.auth = at('jwt' as const, oauth2[0].module, oauth2[0].call);
    else if (!secret && schemes.length === 0)
      answers.auth = at('none' as const, module, cls);

    const origins = defaults.get('CORS_ORIGINS');
    const corsOrigins = origins && originsOf(origins);
    if (origins && corsOrigins)
      answers.corsOrigins = at(corsOrigins, module, origins);
  }

  const resource = crudResource(context);
  if (resource) {
    const { segment, list, create } = resource;
    answers.resource = at(segment, list.module, list.declaration);
    const sockets = context.model.routes.filter(route => route.websocket);
    if (sockets.length === 0 && app)
      answers.websockets = at(false, app.module, app.call);
    else if (
      sockets.length === 1 &&
      sockets[0].mounted &&
      sockets[0].fullPath === `/ws/${segment}`
    )
      answers.websockets = at(true, sockets[0].module, sockets[0].declaration);
    const background = backgroundTasksParameter(context, create);
    const anyBackground = context.model.routes.some(route =>
      backgroundTasksParameter(context, route),
    );
    if (background)
      answers.backgroundTasks = at(true, create.module, background.node);
    else if (!anyBackground)
      answers.backgroundTasks = at(false, create.module, create.declaration);
  }

  const python = pythonVersionAnswer(context);
  if (python) answers.pythonVersion = python;

  // Without a database the template runs one worker whatever the answer was.
  const [image] = context.dockerfiles;
  const { launch } = context;
  const database = answers.database?.value;
  const step = launch?.evidence[launch.evidence.length - 1];
  if (image && launch && step?.line && database && database !== 'none') {
    const workers = workerCount(launch.words, image.env);
    if (workers !== undefined && workers >= 1 && workers <= MAX_WORKERS)
      answers.workers = { value: workers, path: step.path, line: step.line };
  }
  return answers;
}
