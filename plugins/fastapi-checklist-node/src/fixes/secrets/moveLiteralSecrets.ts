import type { Evidence } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import type { ServiceContext } from '../../checks/context';
import type { Node } from '../../python/parser';
import { nodesOf, PythonModule } from '../../python/project';
import { callParts, field, lineOf, stringValue } from '../../python/syntax';
import { bindsName } from '../python/appStatement';
import { keepLayout, ruffLineLength } from '../python/keepLayout';
import { linesAfter } from '../python/insertions';
import { removeArgument } from '../python/removeArgument';
import { sectionedImport } from '../python/sectionedImport';
import {
  environmentName,
  productionSettings,
  SettingsAccess,
  SettingsClass,
  settingsAccess,
  settingsClasses,
} from '../python/settingsClass';
import { defaultOf } from '../../fastapi/settingsDefaults';
import { TextEdit } from '../textEdits';

/** The check's evidence for a literal secret in code, and the name it gives. */
const ASSIGNED = /^(\w+) is a hard-coded secret$/;
const PASSED = /^(\w+)= is passed a hard-coded secret$/;
/** What the check unwraps around a secret: pydantic's SecretStr, starlette's Secret. */
const WRAPPER = /(^|\.)(SecretStr|Secret)$/;

/** One secret the fix moves, for the change's description. */
export type MovedSecret = {
  /** Where it was written. */
  at: string;
  settingsClass: string;
  field: string;
  /** The environment variable pydantic-settings now requires. */
  environment: string;
};

export type SecretMoves = {
  /** Text edits by file path (applied together per file). */
  edits: Map<string, TextEdit[]>;
  moved: MovedSecret[];
  /** The settings module, when fields were added to it. */
  settingsPath?: string;
};

type Refused = { refused: string };
const refused = (reason: string): Refused => ({ refused: reason });

/** A secret literal the check failed on, in the code. */
type Occurrence = {
  module: PythonModule;
  /** The variable or keyword name the check flagged. */
  name: string;
  /** The assignment or keyword argument. */
  node: Node;
  /** The assigned or passed expression. */
  value: Node;
  /** The string literal itself. */
  literal: Node;
  secret: string;
  at: string;
};

/** A plain `"…"` (raw allowed): not an f-string, bytes or implicit concatenation. */
function plainString(node: Node | undefined): string | undefined {
  if (node?.type !== 'string') return undefined;
  const prefix = /^[A-Za-z]*/.exec(node.text)![0];
  return /[fFbBtT]/.test(prefix) ? undefined : stringValue(node);
}

const isFieldCall = (node: Node) =>
  node.type === 'call' &&
  /(^|\.)Field$/.test(field(node, 'function')?.text ?? '');

/** `Field(default="…")`'s default argument (the keyword argument or the positional value). */
function fieldDefault(call: Node): { argument: Node; value: Node } | undefined {
  const args = field(call, 'arguments');
  for (const argument of args ? args.namedChildren : []) {
    if (argument.type === 'keyword_argument') {
      if (field(argument, 'name')?.text === 'default')
        return { argument, value: field(argument, 'value')! };
    } else if (argument.type !== 'comment') {
      return { argument, value: argument };
    }
  }
  return undefined;
}

/** A field's value gives it a default: anything but `Field(...)` without one (`Field(alias=…)`, `Field(...)`). */
function hasDefault(value: Node | undefined): boolean {
  if (!value) return false;
  if (!isFieldCall(value)) return true;
  const { positional, keywords } = callParts(value);
  return (
    keywords.has('default') ||
    keywords.has('default_factory') ||
    (positional.length > 0 && positional[0].type !== 'ellipsis')
  );
}

/** The string literal of a secret value: `"…"` or `SecretStr("…")`; undefined for other shapes. */
function literalIn(value: Node): Node | undefined {
  if (
    value.type === 'call' &&
    WRAPPER.test(field(value, 'function')?.text ?? '')
  ) {
    const parts = callParts(value);
    return parts.positional.length === 1 && parts.keywords.size === 0
      ? literalIn(parts.positional[0])
      : undefined;
  }
  return plainString(value) !== undefined ? value : undefined;
}

/** The class whose body runs the node (undefined in a function, lambda, or at module level). */
function classBodyOf(node: Node): Node | undefined {
  for (let at = node.parent; at; at = at.parent) {
    if (at.type === 'function_definition' || at.type === 'lambda')
      return undefined;
    if (at.type === 'class_definition') return at;
  }
  return undefined;
}

/** True when the node runs later than its module's import (inside a function or lambda). */
function isDeferred(node: Node): boolean {
  for (let at = node.parent; at; at = at.parent)
    if (at.type === 'function_definition' || at.type === 'lambda') return true;
  return false;
}

/** The nodes the check's literal-secret failures point at, with their literals. */
function occurrencesOf(
  service: ServiceContext,
  failures: Evidence[],
): Occurrence[] | Refused {
  const found: Occurrence[] = [];
  for (const evidence of failures) {
    const assigned = ASSIGNED.exec(evidence.message ?? '');
    const passed = PASSED.exec(evidence.message ?? '');
    const name = (assigned ?? passed)![1];
    const module = service.appModules.find(m => m.path === evidence.path);
    const at = `${evidence.path}:${evidence.line}`;
    const nodes = module
      ? nodesOf(module, assigned ? 'assignment' : 'keyword_argument').filter(
          node =>
            lineOf(node) === evidence.line &&
            field(node, assigned ? 'left' : 'name')?.text === name,
        )
      : [];
    if (!module || !nodes.length)
      return refused(
        `the fix could not find the secret the check names at ${at}`,
      );
    for (const node of nodes) {
      const value = field(node, assigned ? 'right' : 'value')!;
      const defaulted = isFieldCall(value) ? fieldDefault(value)?.value : value;
      const literal = defaulted && literalIn(defaulted);
      if (!literal)
        return refused(
          // os.getenv("X", "…"), environ.get, config("X", default="…").
          value.type === 'call' &&
            !isFieldCall(value) &&
            !defaultOf(value)?.is(value)
            ? `${name} (${at}) reads a committed fallback (\`${value.text}\`); dropping the fallback is left to the owners`
            : `${name} (${at}) is written in a shape the fix does not move (an f-string, bytes or a string in pieces)`,
        );
      found.push({
        module,
        name,
        node,
        value,
        literal,
        secret: plainString(literal)!,
        at,
      });
    }
  }
  return found;
}

/** The removal of a settings field's committed default: `X: str = "…"` becomes `X: str`. */
function dropDefault(
  source: string,
  occurrence: Occurrence,
  lineLength: number,
): TextEdit | Refused {
  const { node, value, name, at } = occurrence;
  const annotation = field(node, 'type');
  const fieldCall = isFieldCall(value) ? value : undefined;
  const fieldArgs = fieldCall
    ? field(fieldCall, 'arguments')!.namedChildren.filter(
        a => a.type !== 'comment',
      )
    : [];
  if (fieldCall && fieldArgs.length > 1) {
    const { argument } = fieldDefault(fieldCall)!;
    const edit = keepLayout(
      source,
      argument,
      removeArgument(source, argument),
      lineLength,
    );
    return 'refused' in edit
      ? refused(`the secret at ${at} ${edit.refused}`)
      : edit;
  }
  if (annotation)
    return { start: annotation.endIndex, end: value.endIndex, text: '' };
  // `X = "…"` (pydantic v1 infers str): the type is written instead of the value.
  const wrapper =
    value.type === 'call' ? field(value, 'function')?.text : undefined;
  if (value.type === 'string' || wrapper === 'SecretStr')
    return {
      start: field(node, 'left')!.endIndex,
      end: value.endIndex,
      text: `: ${wrapper ?? 'str'}`,
    };
  return refused(
    `${name} (${at}) has no type annotation the fix could keep once its default is gone`,
  );
}

/** `from app.core.config import settings`, in the style the importing module already uses. */
function importPath(module: PythonModule, target: PythonModule): string {
  const relativeOnly = module.tree.rootNode.namedChildren
    .filter(s => s.type === 'import_from_statement')
    .map(s => field(s, 'module_name'));
  const usesRelative =
    relativeOnly.some(m => m?.type === 'relative_import') &&
    !relativeOnly.some(
      m =>
        m?.type === 'dotted_name' &&
        m.text.split('.')[0] === target.name.split('.')[0],
    );
  if (!usesRelative) return target.name;
  const parts = module.name.split('.');
  const from = module.isPackage ? parts : parts.slice(0, -1);
  const to = target.name.split('.');
  let common = 0;
  while (
    common < from.length &&
    common < to.length - 1 &&
    from[common] === to[common]
  )
    common++;
  if (common === 0) return target.name;
  return `${'.'.repeat(from.length - common + 1)}${to.slice(common).join('.')}`;
}

/** How code in `module` reads the settings: its own binding, an existing import, or an added import. */
function accessFrom(
  module: PythonModule,
  source: string,
  uses: Node[],
  settings: SettingsClass,
  accesses: SettingsAccess[],
): { expression: string; edit?: TextEdit } | Refused {
  const where = `${module.path}:${lineOf(uses[0])}`;
  if (module === settings.module) {
    const usable = accesses.find(a =>
      uses.every(
        use => isDeferred(use) || a.definedBy.endIndex <= use.startIndex,
      ),
    );
    return usable
      ? { expression: usable.expression }
      : refused(
          `${where} runs before ${settings.module.path} defines ${accesses[0].bound}`,
        );
  }
  for (const access of accesses) {
    const qualified = `${settings.module.name}.${access.bound}`;
    const local = [...module.imports].find(([, q]) => q === qualified)?.[0];
    if (local)
      return {
        expression: access.expression.replace(access.bound, local),
      };
  }
  const [access] = accesses;
  if (bindsName(module, access.bound))
    return refused(
      `${module.path} already uses the name ${access.bound} for something else`,
    );
  const cycle = [...settings.module.imports.values()].some(
    q => q === module.name || q.startsWith(`${module.name}.`),
  );
  if (cycle)
    return refused(
      `${settings.module.path} imports ${module.path}; reading the settings there would make a circular import`,
    );
  const first = uses.reduce((a, b) => (a.startIndex <= b.startIndex ? a : b));
  return {
    expression: access.expression,
    edit: sectionedImport(
      module,
      source,
      importPath(module, settings.module),
      access.bound,
      first,
    ),
  };
}

/** The secrets a field stands for, and the field each secret goes to: one to one. */
function inconsistency(
  pairs: { secret: string; key: string; at: string }[],
): string | undefined {
  const byKey = new Map<string, { secret: string; at: string }>();
  const bySecret = new Map<string, { key: string; at: string }>();
  for (const pair of pairs) {
    const key = byKey.get(pair.key);
    if (key && key.secret !== pair.secret)
      return `${pair.key} would stand for two different secrets (${key.at} and ${pair.at})`;
    const secret = bySecret.get(pair.secret);
    if (secret && secret.key !== pair.key)
      return `the same secret is used as ${secret.key} (${secret.at}) and ${pair.key} (${pair.at}); the owners choose which setting it becomes`;
    byKey.set(pair.key, pair);
    bySecret.set(pair.secret, pair);
  }
  return undefined;
}

/**
 * Moves the literal secrets the env-secrets check fails on out of the code: a settings
 * field's committed default is removed (the field becomes required from the
 * environment); a secret assigned or passed elsewhere is replaced by a read of a field
 * of the service's settings class, added with no default when missing. Refused as a
 * whole when any secret is in a shape the fix does not understand.
 */
export function moveLiteralSecrets(
  service: ServiceContext,
  failures: Evidence[],
): SecretMoves | Refused {
  const occurrences = occurrencesOf(service, failures);
  if ('refused' in occurrences) return occurrences;
  const classes = settingsClasses(service);
  if ('refused' in classes) return classes;
  const lineLength = ruffLineLength(service.files, service.root);
  const sourceOf = (module: PythonModule) =>
    service.files.get(module.path)!.toString('utf8');
  const edits = new Map<string, TextEdit[]>();
  const addEdit = (path: string, edit: TextEdit) =>
    edits.set(path, [...(edits.get(path) ?? []), edit]);
  const moved: MovedSecret[] = [];
  const pairs: { secret: string; key: string; at: string }[] = [];
  // The literals moved, by module and start: two modules' literals can be the same node
  // of their trees.
  const handled = new Set<string>();
  const literalKey = (module: PythonModule, literal: Node) =>
    `${module.path}:${literal.startIndex}`;

  // Defaults of settings fields: removed, the field then required.
  const uses: Occurrence[] = [];
  for (const occurrence of occurrences) {
    const cls = classBodyOf(occurrence.node);
    if (!cls) {
      uses.push(occurrence);
      continue;
    }
    const settings = classes.find(c => c.cls.is(cls));
    const statement = occurrence.node.parent;
    if (
      !settings ||
      !(
        field(occurrence.node, 'left') &&
        settings.fields.get(occurrence.name)?.statement.is(statement!)
      )
    )
      return refused(
        `${occurrence.name} (${occurrence.at}) is set in the class ${
          field(cls, 'name')?.text ?? ''
        }, which is not a settings class the fix can change`,
      );
    const edit = dropDefault(
      sourceOf(occurrence.module),
      occurrence,
      lineLength,
    );
    if ('refused' in edit) return edit;
    const environment = environmentName(
      settings,
      occurrence.name,
      occurrence.value,
    );
    if (typeof environment !== 'string') return environment;
    addEdit(occurrence.module.path, edit);
    handled.add(literalKey(occurrence.module, occurrence.literal));
    pairs.push({
      secret: occurrence.secret,
      key: `${settings.name}.${occurrence.name}`,
      at: occurrence.at,
    });
    moved.push({
      at: occurrence.at,
      settingsClass: settings.name,
      field: occurrence.name,
      environment,
    });
  }

  let settingsPath: string | undefined;
  if (uses.length) {
    const target = productionSettings(classes);
    if ('refused' in target) return target;
    const accesses = settingsAccess(target);
    if ('refused' in accesses) return accesses;
    const names = [...target.fields.keys()].filter(n => n !== 'model_config');
    const lowerCase =
      names.length > 0 && names.every(n => n === n.toLowerCase());
    const added = new Map<string, string>();
    /** What a use reads: the field, unwrapped when the field is a SecretStr. */
    const reads = new Map<Occurrence, string>();
    for (const use of uses) {
      const fieldName = lowerCase
        ? use.name.toLowerCase()
        : use.name.toUpperCase();
      const existing = target.fields.get(fieldName);
      const type = existing ? existing.annotation?.text : 'str';
      if (type !== 'str' && type !== 'SecretStr')
        return refused(
          `${target.name}.${fieldName} is ${
            type ? `a ${type}` : 'not annotated'
          }; the fix only reads a str or SecretStr field where ${
            use.at
          } had a string`,
        );
      reads.set(
        use,
        `${fieldName}${type === 'SecretStr' ? '.get_secret_value()' : ''}`,
      );
      const droppedHere = moved.some(
        m => m.settingsClass === target.name && m.field === fieldName,
      );
      if (existing && hasDefault(existing.value) && !droppedHere)
        return refused(
          `${target.name}.${fieldName} already exists with a default (${
            target.module.path
          }:${
            existing.statement.startPosition.row + 1
          }); the owners choose whether ${use.at} should read it`,
        );
      if (!existing && !added.has(fieldName)) {
        const environment = environmentName(target, fieldName);
        if (typeof environment !== 'string') return environment;
        added.set(fieldName, environment);
      }
      const environment =
        added.get(fieldName) ??
        environmentName(target, fieldName, existing?.value);
      if (typeof environment !== 'string') return environment;
      pairs.push({
        secret: use.secret,
        key: `${target.name}.${fieldName}`,
        at: use.at,
      });
      moved.push({
        at: use.at,
        settingsClass: target.name,
        field: fieldName,
        environment,
      });
    }
    // Each module's uses read the settings once it can reach them.
    for (const module of new Set(uses.map(u => u.module))) {
      const here = uses.filter(u => u.module === module);
      const source = sourceOf(module);
      const access = accessFrom(
        module,
        source,
        here.map(u => u.literal),
        target,
        accesses,
      );
      if ('refused' in access) return access;
      if (access.edit) addEdit(module.path, access.edit);
      for (const use of here) {
        const edit = keepLayout(
          source,
          use.literal,
          {
            start: use.literal.startIndex,
            end: use.literal.endIndex,
            text: `${access.expression}.${reads.get(use)}`,
          },
          lineLength,
        );
        if ('refused' in edit)
          return refused(`the secret at ${use.at} ${edit.refused}`);
        addEdit(module.path, edit);
        handled.add(literalKey(module, use.literal));
      }
    }
    if (added.size) {
      const fieldStatements = [...target.fields.values()];
      const typed = fieldStatements.filter(f => f.annotation);
      const after = typed.length
        ? typed[typed.length - 1]
        : target.fields.get('model_config');
      if (!after)
        return refused(
          `${target.name} (${target.module.path}) has no field to add the new one beside`,
        );
      const source = sourceOf(target.module);
      const lineStart =
        source.lastIndexOf('\n', after.statement.startIndex - 1) + 1;
      const indent = source.slice(lineStart, after.statement.startIndex);
      addEdit(
        target.module.path,
        linesAfter(
          source,
          after.statement,
          [...added.keys()].map(name => `${indent}${name}: str`),
        ),
      );
      settingsPath = target.module.path;
    }
  }

  const mismatch = inconsistency(pairs);
  if (mismatch) return refused(mismatch);
  // A copy of a secret the check does not flag (`jwt.decode(token, "…")`) would stay behind.
  const secrets = new Set(pairs.map(p => p.secret));
  for (const module of service.appModules) {
    for (const string of nodesOf(module, 'string')) {
      const value = stringValue(string);
      if (
        value !== undefined &&
        secrets.has(value) &&
        !handled.has(literalKey(module, string))
      )
        return refused(
          `the secret of ${
            pairs.find(p => p.secret === value)!.key
          } is also written at ${module.path}:${lineOf(
            string,
          )}, in a place the check does not name; the owners decide what that copy is`,
        );
    }
  }
  return { edits, moved, settingsPath };
}
