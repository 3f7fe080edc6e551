import { nodesOf } from '../python/project';
import type { Evidence } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import type { Node } from '../python/parser';
import { isCORSMiddleware, isMiddlewareWrapper } from '../fastapi/names';
import { isExternal } from '../python/project';
import type { PySymbol, PythonModule, PythonProject } from '../python/project';
import { settingsFieldDefault } from '../fastapi/settingsDefaults';
import {
  callParts,
  descendants,
  field,
  kids,
  lineOf,
  sequenceItems,
  stringValue,
} from '../python/syntax';
import { Check, evidenceAt, outcome } from './context';

/** `"*"`, `["*"]`, `"a,*"`: a default that lets every origin in. */
function allowsAnyOrigin(value: Node): boolean {
  const items = sequenceItems(value) ?? [value];
  return items.some(item =>
    (stringValue(item) ?? '').split(',').some(o => o.trim() === '*'),
  );
}

/** `x.mount("/", StaticFiles(...))`: a frontend served by the app itself, at its root. */
function sameOriginFrontend(
  modules: PythonModule[],
  project: PythonProject,
): Evidence | undefined {
  if (!project.mentions('StaticFiles')) return undefined;
  for (const module of modules) {
    for (const call of nodesOf(module, 'call')) {
      const parts = callParts(call);
      if (
        parts.callee?.type !== 'attribute' ||
        !field(parts.callee, 'attribute')?.textIs('mount') ||
        stringValue(parts.positional[0] ?? parts.keywords.get('path')) !== '/'
      )
        continue;
      const served = parts.positional[1] ?? parts.keywords.get('app');
      if (
        served?.type === 'call' &&
        isExternal(
          project.resolve(
            project.scopeAt(module, call),
            field(served, 'function'),
          ),
          ['starlette', 'fastapi'],
          ['StaticFiles'],
        )
      )
        return evidenceAt(module, call, 'frontend served at / by the app');
    }
  }
  return undefined;
}

type CorsSetup = {
  module: PythonModule;
  call: Node;
  keywords: ReadonlyMap<string, Node>;
  /** A subclass's `is_allowed_origin` that answers True: every origin is let in. */
  allowsEveryOrigin?: Evidence;
};

/** The values an argument can take: both branches of `a if cond else b` and of `a or b`, else itself. */
function branchesOf(node: Node | undefined): Node[] {
  if (!node) return [];
  if (node.type === 'boolean_operator') {
    const [left, right] = kids(node);
    const operator = node.text.slice(
      left.text.length,
      node.text.length - right.text.length,
    );
    if (operator.trim() === 'or')
      return [...branchesOf(left), ...branchesOf(right)];
  }
  if (node.type !== 'conditional_expression') return [node];
  const [whenTrue, , whenFalse] = kids(node);
  return [...branchesOf(whenTrue), ...branchesOf(whenFalse)];
}

/**
 * A literal "*" that a name or attribute the origins are read from is set to in the
 * same module (`if not config.ALLOWED_HOSTS: config.ALLOWED_HOSTS = ["*"]`), or that
 * `a or ["*"]` falls back to.
 */
function wildcardAssigned(
  module: PythonModule,
  argument: Node | undefined,
): Node | undefined {
  const choices = branchesOf(argument);
  const literal = choices.find(
    choice => sequenceItems(choice) && allowsAnyOrigin(choice),
  );
  if (literal && choices.length > 1) return literal;
  const names = new Set(
    choices
      .filter(c => c.type === 'identifier' || c.type === 'attribute')
      .map(c => c.text),
  );
  if (names.size === 0) return undefined;
  return nodesOf(module, 'assignment').find(assignment => {
    const left = field(assignment, 'left');
    const right = field(assignment, 'right');
    return (
      !!left &&
      !!right &&
      names.has(left.text) &&
      (sequenceItems(right) !== undefined ||
        stringValue(right) !== undefined) &&
      allowsAnyOrigin(right)
    );
  });
}

/**
 * The CORSMiddleware a name refers to: starlette's or FastAPI's, or a class of the
 * project deriving from it, with its `is_allowed_origin` override when that answers True.
 */
function corsMiddlewareOf(
  project: PythonProject,
  symbol: PySymbol | undefined,
  depth = 0,
): { allowsEveryOrigin?: Evidence } | undefined {
  if (isCORSMiddleware(symbol)) return {};
  if (
    depth > 5 ||
    symbol?.kind !== 'definition' ||
    symbol.node.type !== 'class_definition'
  )
    return undefined;
  const bases = field(symbol.node, 'superclasses');
  const base = (bases ? kids(bases) : [])
    .map(b =>
      corsMiddlewareOf(project, project.resolve(symbol.scope, b), depth + 1),
    )
    .find(Boolean);
  if (!base) return undefined;
  const override = descendants(symbol.node, 'function_definition').find(f =>
    field(f, 'name')?.textIs('is_allowed_origin'),
  );
  const body = override && field(override, 'body');
  const statements = body ? kids(body).filter(k => k.type !== 'comment') : [];
  if (
    override &&
    statements.length === 1 &&
    statements[0].type === 'return_statement' &&
    kids(statements[0]).some(k => k.type === 'true')
  )
    return {
      allowsEveryOrigin: evidenceAt(
        symbol.scope.module,
        override,
        `${
          field(symbol.node, 'name')?.text
        }.is_allowed_origin lets every origin in`,
      ),
    };
  return base;
}

/**
 * The argument, or the list/tuple literal a plain name in the same scope is bound to
 * (`origins = ["https://a.example"]` … `allow_origins=origins`): literal origins either
 * way. Anything else (a settings field, a subscript of loaded configuration) is returned
 * as written.
 */
function literalBehindName(
  project: PythonProject,
  module: PythonModule,
  node: Node | undefined,
): Node | undefined {
  if (node?.type !== 'identifier') return node;
  const symbol = project.resolve(project.scopeAt(module, node), node);
  return symbol?.kind === 'value' && sequenceItems(symbol.node)
    ? symbol.node
    : node;
}

/**
 * Where origins passed by name come from: the expression a plain name is bound to
 * (`origins = settings.ALLOWED_ORIGINS.split(",")` … `allow_origins=origins`), and the
 * string a `.split(…)` cuts into origins, so a settings field is judged by its default.
 */
function originsSource(
  project: PythonProject,
  module: PythonModule,
  node: Node,
): Node {
  let source = node;
  if (source.type === 'identifier') {
    const symbol = project.resolve(project.scopeAt(module, source), source);
    if (symbol?.kind === 'value' && symbol.scope.module === module)
      source = symbol.node;
  }
  const callee = source.type === 'call' ? field(source, 'function') : undefined;
  if (
    callee?.type === 'attribute' &&
    field(callee, 'attribute')?.textIs('split')
  )
    source = field(callee, 'object') ?? source;
  return source;
}

export const corsCheck: Check = ({ appModules, project }) => {
  const setups: CorsSetup[] = [];
  // `add_middleware(` or `Middleware(`: no module spelling either adds any middleware.
  const addsMiddleware = project.mentionsAny(['add_middleware', 'Middleware']);
  for (const module of addsMiddleware ? appModules : []) {
    for (const call of nodesOf(module, 'call')) {
      const scope = project.scopeAt(module, call);
      const parts = callParts(call);
      const callee = parts.callee;
      const isAddMiddleware =
        callee?.type === 'attribute' &&
        !!field(callee, 'attribute')?.textIs('add_middleware');
      if (
        !isAddMiddleware &&
        !isMiddlewareWrapper(project.resolve(scope, callee))
      )
        continue;
      const cors = corsMiddlewareOf(
        project,
        project.resolve(scope, parts.positional[0]),
      );
      if (cors)
        setups.push({ module, call, keywords: parts.keywords, ...cors });
    }
  }
  if (setups.length === 0) {
    const spa = sameOriginFrontend(appModules, project);
    if (spa)
      return outcome(
        'not-applicable',
        'No CORSMiddleware, and none needed: the app serves its browser frontend itself (static files mounted at /), so browser calls are same-origin.',
        [spa],
      );
    return outcome(
      'fail',
      'CORSMiddleware is not added; browsers on other origins cannot call the API.',
    );
  }
  const problems: Evidence[] = [];
  const warnings: Evidence[] = [];
  for (const { module, call, keywords, allowsEveryOrigin } of setups) {
    const origins = sequenceItems(
      literalBehindName(project, module, keywords.get('allow_origins')),
    );
    const literalOrigins = origins?.map(stringValue) ?? [];
    // allow_credentials=True, or a settings field that defaults to True.
    const credentialsArgument = keywords.get('allow_credentials');
    const credentials =
      credentialsArgument?.type === 'true' ||
      settingsFieldDefault(appModules, credentialsArgument)?.node.type ===
        'true';
    const allowsCredentials = `${module.path}:${lineOf(
      call,
    )} allows credentials`;
    if (allowsEveryOrigin && credentials) {
      problems.push({
        ...allowsEveryOrigin,
        message: `${allowsEveryOrigin.message}, and ${allowsCredentials}`,
      });
      continue;
    }
    // allow_origins=settings.X after `settings.X = ["*"]` on some path, or `X or ["*"]`.
    const reassigned = credentials
      ? wildcardAssigned(module, keywords.get('allow_origins'))
      : undefined;
    if (reassigned) {
      const target =
        reassigned.type === 'assignment'
          ? `${field(reassigned, 'left')?.text} is set to`
          : `${keywords.get('allow_origins')?.text} falls back to`;
      problems.push(
        evidenceAt(
          module,
          reassigned,
          `${target} any origin ("*"), and ${allowsCredentials}`,
        ),
      );
      continue;
    }
    // allow_origins=settings.CORS_ORIGINS (or one branch of a conditional): what the
    // service allows unless configured.
    const originChoices = branchesOf(keywords.get('allow_origins'));
    const defaulted = origins
      ? undefined
      : originChoices
          .filter(choice => !sequenceItems(choice))
          .map(choice => originsSource(project, module, choice))
          .map(choice => ({
            choice,
            fieldDefault: settingsFieldDefault(appModules, choice),
          }))
          .find(
            ({ fieldDefault }) =>
              fieldDefault && allowsAnyOrigin(fieldDefault.node),
          );
    if (defaulted?.fieldDefault && credentials) {
      problems.push(
        evidenceAt(
          defaulted.fieldDefault.module,
          defaulted.fieldDefault.node,
          `${defaulted.choice.text} defaults to any origin ("*"), and ${allowsCredentials}`,
        ),
      );
      continue;
    }
    const wildcard =
      literalOrigins.includes('*') ||
      branchesOf(keywords.get('allow_origin_regex')).some(choice =>
        ['.*', '.+', '^.*$'].includes(stringValue(choice) ?? ''),
      );
    if (wildcard && credentials) {
      problems.push(
        evidenceAt(
          module,
          call,
          'allows any origin ("*") together with credentials',
        ),
      );
    } else if (
      origins &&
      origins.length > 0 &&
      literalOrigins.every(o => o !== undefined)
    ) {
      warnings.push(
        evidenceAt(
          module,
          call,
          'origins are hard-coded literals; read them from settings',
        ),
      );
    }
  }
  if (problems.length) {
    return outcome(
      'fail',
      'CORS allows any origin with credentials, so any site can act as the user.',
      problems,
    );
  }
  if (warnings.length) {
    return outcome(
      'warn',
      'CORS is configured, but with hard-coded origins.',
      warnings,
    );
  }
  return outcome(
    'pass',
    'CORSMiddleware is configured with origins from configuration.',
    setups.map(s => evidenceAt(s.module, s.call, 'CORSMiddleware')),
  );
};
