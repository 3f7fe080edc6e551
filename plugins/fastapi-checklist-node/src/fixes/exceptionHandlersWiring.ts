import type { ServiceContext } from '../checks/context';
import { handlerSites } from '../checks/exceptionHandlers';
import { parametersOf } from '../fastapi/parameters';
import { parameterOf, ServedApp } from '../fastapi/servedApp';
import type { Node } from '../python/parser';
import type { PythonModule } from '../python/project';
import { field, lineOf } from '../python/syntax';
import { appStatement, bindsName } from './python/appStatement';
import { importNames } from './python/importNames';
import { linesAfter } from './python/insertions';
import { applyTextEdits, TextEdit } from './textEdits';
import { FixProposal, refuse } from './types';

/** A module-level function of the service that registers handlers on the app it is given. */
type Helper = {
  module: PythonModule;
  func: Node;
  name: string;
  /** The app's parameter: its position as callers count it, and its name. */
  index: number;
  parameter: string;
};

/**
 * The service's own handler registration functions that the code the server runs never
 * calls with the app (`register_exception_handlers(app)` deleted from the factory).
 * Empty when a registration already reaches the app, or when none takes the app.
 */
export function unwiredHelpers(service: ServiceContext): Helper[] {
  const { project, model, appModules, launch } = service;
  const served = new ServedApp(project, model, appModules, launch);
  // Keyed by where the function starts: node handles are made per read.
  const helpers = new Map<string, Helper>();
  for (const site of handlerSites(appModules)) {
    if (served.isServedApp(served.ownerOf(site.module, site.target))) return [];
    // A method's `self` is not an app a caller could pass.
    const parameter =
      site.target?.type === 'identifier' && site.target.text !== 'self'
        ? parameterOf(site.target)
        : undefined;
    const name = parameter && field(parameter.func, 'name')?.text;
    const key = `${site.module.path}:${parameter?.func.startIndex}`;
    if (!parameter || !name || helpers.has(key)) continue;
    helpers.set(key, {
      module: site.module,
      func: parameter.func,
      name,
      index: parameter.index,
      parameter: parameter.keyword,
    });
  }
  return [...helpers.values()].sort(
    (a, b) =>
      a.module.path.localeCompare(b.module.path) ||
      a.func.startIndex - b.func.startIndex,
  );
}

/** Why a helper cannot be called with the app alone, or undefined when it can. */
function cannotCall(helper: Helper): string | undefined {
  const where = `${helper.module.path}:${lineOf(helper.func)} ${helper.name}()`;
  const container = helper.func.parent;
  const moduleLevel =
    container?.type === 'module' ||
    (container?.type === 'decorated_definition' &&
      container.parent?.type === 'module');
  if (!moduleLevel)
    return `${where} registers the exception handlers but is not a module-level function the app's module can import`;
  const others = parametersOf(helper.func).filter(
    p => p.name !== helper.parameter && p.name !== 'self' && !p.defaultValue,
  );
  if (others.length)
    return `${where} registers the exception handlers but also needs ${others
      .map(p => p.name)
      .join(', ')}; call it with the app and ${
      others.length === 1 ? 'that value' : 'those values'
    } by hand`;
  return undefined;
}

/**
 * Wires the service's own handlers instead of adding new ones: a call of each unwired
 * helper with the app right after the app's creation, and its import (merged into the
 * module's import of the helper's module when there is one).
 */
export function wireHelpers(
  service: ServiceContext,
  helpers: Helper[],
): FixProposal {
  for (const helper of helpers) {
    const reason = cannotCall(helper);
    if (reason) return refuse(reason);
  }
  const found = appStatement(service);
  if ('refused' in found) return refuse(found.refused);
  const { module, source, statement, name: app, indent } = found;
  const byModule = new Map<PythonModule, string[]>();
  for (const helper of helpers) {
    if (helper.module === module) {
      // Called at import time, a function defined further down does not exist yet.
      if (indent === '' && helper.func.startIndex > statement.startIndex)
        return refuse(
          `${module.path}:${lineOf(helper.func)} ${
            helper.name
          }() is defined after the app is created; move it above and call it with the app`,
        );
      continue;
    }
    const qualified = `${helper.module.name}.${helper.name}`;
    if (module.imports.get(helper.name) === qualified) continue;
    if (bindsName(module, helper.name))
      return refuse(`${module.path} already uses the name ${helper.name}`);
    byModule.set(helper.module, [
      ...(byModule.get(helper.module) ?? []),
      helper.name,
    ]);
  }
  const calls = helpers.map(
    helper =>
      `${indent}${helper.name}(${
        helper.index === 0 ? app : `${helper.parameter}=${app}`
      })`,
  );
  const edits: TextEdit[] = [
    ...[...byModule].map(([target, names]) =>
      importNames(module, source, target, names, statement),
    ),
    linesAfter(source, statement, calls),
  ];
  const names = helpers.map(h => `${h.name}() (${h.module.path})`).join(', ');
  return {
    kind: 'edits',
    edits: [{ path: module.path, content: applyTextEdits(source, edits) }],
    description: `Registers the service's own exception handlers, which nothing the server runs registered: calls ${names} with the app in ${module.path}.`,
  };
}
