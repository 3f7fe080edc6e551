import type { Node } from '../python/parser';
import type { PySymbol, PythonProject, Scope } from '../python/project';
import { callParts, field, kids, stringValue } from '../python/syntax';

/**
 * fastapi-crudrouter's routers (`SQLAlchemyCRUDRouter(schema=…, db_model=…)`, Memory,
 * Databases, Ormar, Tortoise, Gino): APIRouter subclasses that declare their CRUD path
 * operations themselves, with no function in the service's code.
 */
export function isCrudRouterClass(symbol: PySymbol | undefined): boolean {
  return (
    symbol?.kind === 'external' &&
    /^fastapi_crudrouter\.(.*\.)?\w*CRUD(Router|Generator)$/.test(
      symbol.qualified,
    )
  );
}

/** A path operation the router generates, relative to its prefix. */
export type CrudOperation = {
  /** The generator's name for it (its route's name): `create`, `get_one`… */
  name: string;
  method: string;
  path: string;
  /** The route's own `dependencies=` (a list given instead of `True` for its flag). */
  dependencies?: Node;
  /** The schema it answers with (`response_model=`). */
  responseModel?: Node;
};

/** The generator's routes: each switched off by `<flag>=False`, given dependencies by a list. */
const OPERATIONS: {
  flag: string;
  name: string;
  method: string;
  path: string;
}[] = [
  { flag: 'get_all_route', name: 'get_all', method: 'GET', path: '' },
  { flag: 'create_route', name: 'create', method: 'POST', path: '' },
  {
    flag: 'delete_all_route',
    name: 'delete_all',
    method: 'DELETE',
    path: '',
  },
  {
    flag: 'get_one_route',
    name: 'get_one',
    method: 'GET',
    path: '/{item_id}',
  },
  {
    flag: 'update_route',
    name: 'update',
    method: 'PUT',
    path: '/{item_id}',
  },
  {
    flag: 'delete_one_route',
    name: 'delete_one',
    method: 'DELETE',
    path: '/{item_id}',
  },
];

/** The path operations a fastapi-crudrouter router call generates. */
export function crudOperations(call: Node): CrudOperation[] {
  const parts = callParts(call);
  const schema = parts.keywords.get('schema') ?? parts.positional[0];
  return OPERATIONS.flatMap(({ flag, name, method, path }) => {
    const value = parts.keywords.get(flag);
    if (value?.type === 'false') return [];
    return [
      {
        name,
        method,
        path,
        dependencies: value?.type === 'list' ? value : undefined,
        responseModel: schema,
      },
    ];
  });
}

/**
 * The router's prefix: `prefix=` as the generator normalises it (`/` + the value without
 * slashes), else its default: SQLAlchemyCRUDRouter's model `__tablename__`, otherwise
 * (and for the other generators, which derive theirs from their model) the schema class's
 * name in lower case. A prefix that cannot be read is kept as `{expression}`.
 */
export function crudRouterPrefix(
  project: PythonProject,
  scope: Scope,
  call: Node,
): string {
  const parts = callParts(call);
  const written = parts.keywords.get('prefix');
  if (written) {
    const value = stringValue(written);
    return value === undefined
      ? `{${written.text}}`
      : `/${value.replace(/^\/+|\/+$/g, '')}`;
  }
  const table = tableName(project, scope, parts.keywords.get('db_model'));
  if (table) return `/${table}`;
  const schema = parts.keywords.get('schema') ?? parts.positional[0];
  const symbol = schema && project.resolve(scope, schema);
  if (symbol?.kind === 'definition' && symbol.node.type === 'class_definition')
    return `/${(field(symbol.node, 'name')?.text ?? '').toLowerCase()}`;
  return schema ? `{${schema.text}}` : '';
}

/** `__tablename__ = "employees"` in the body of the model class a node names. */
function tableName(
  project: PythonProject,
  scope: Scope,
  model: Node | undefined,
): string | undefined {
  const symbol = model && project.resolve(scope, model);
  if (symbol?.kind !== 'definition' || symbol.node.type !== 'class_definition')
    return undefined;
  const body = field(symbol.node, 'body');
  for (const statement of body ? kids(body) : []) {
    const assignment = kids(statement)[0];
    if (
      assignment?.type === 'assignment' &&
      field(assignment, 'left')?.textIs('__tablename__')
    )
      return stringValue(field(assignment, 'right')) ?? undefined;
  }
  return undefined;
}
