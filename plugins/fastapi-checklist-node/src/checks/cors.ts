import { nodesOf } from '../python/project';
import type { Evidence } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import type { Node } from '../python/parser';
import { isCORSMiddleware, isMiddlewareWrapper } from '../fastapi/names';
import { isExternal } from '../python/project';
import type { PythonModule, PythonProject } from '../python/project';
import { settingsFieldDefault } from '../fastapi/settingsDefaults';
import {
  callParts,
  field,
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
};

export const corsCheck: Check = ({ appModules, project }) => {
  const setups: CorsSetup[] = [];
  for (const module of appModules) {
    for (const call of nodesOf(module, 'call')) {
      const scope = project.scopeAt(module, call);
      const parts = callParts(call);
      const callee = parts.callee;
      const isAddMiddleware =
        callee?.type === 'attribute' &&
        !!field(callee, 'attribute')?.textIs('add_middleware');
      if (
        (isAddMiddleware ||
          isMiddlewareWrapper(project.resolve(scope, callee))) &&
        isCORSMiddleware(project.resolve(scope, parts.positional[0]))
      ) {
        setups.push({ module, call, keywords: parts.keywords });
      }
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
  for (const { module, call, keywords } of setups) {
    const origins = sequenceItems(keywords.get('allow_origins'));
    const literalOrigins = origins?.map(stringValue) ?? [];
    const credentials = keywords.get('allow_credentials')?.type === 'true';
    // allow_origins=settings.CORS_ORIGINS: what the service allows unless configured.
    const fieldDefault = origins
      ? undefined
      : settingsFieldDefault(appModules, keywords.get('allow_origins'));
    if (fieldDefault && credentials && allowsAnyOrigin(fieldDefault.node)) {
      problems.push(
        evidenceAt(
          fieldDefault.module,
          fieldDefault.node,
          `${
            keywords.get('allow_origins')!.text
          } defaults to any origin ("*"), and ${module.path}:${lineOf(
            call,
          )} allows credentials`,
        ),
      );
      continue;
    }
    const wildcard =
      literalOrigins.includes('*') ||
      ['.*', '.+', '^.*$'].includes(
        stringValue(keywords.get('allow_origin_regex')) ?? '',
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
