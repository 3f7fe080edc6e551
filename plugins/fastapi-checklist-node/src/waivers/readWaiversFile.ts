import {
  isCheckId,
  WAIVERS_PATH,
  Waiver,
  WaiverFile,
  WaiverNote,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { toError } from '@backstage/errors';
import { isMap, isNode, isSeq, LineCounter, Node, parseDocument } from 'yaml';
import type { SourceTree } from '../tree/sourceTree';

const FIELDS = ['check', 'reason', 'expires', 'approvedBy'] as const;
/** Aliases expanded at most this often: a file of nested aliases cannot blow up memory. */
const MAX_ALIASES = 50;

/** A real calendar day written YYYY-MM-DD (2027-02-30 is not one). */
function isDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const day = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(text);
}

const text = (value: unknown) =>
  typeof value === 'string' && value.trim() ? value.trim() : undefined;

/** Why an entry cannot be applied, or its waiver (and what it ignores). */
function readEntry(
  value: unknown,
  label: string,
  line: number | undefined,
): { waiver?: Waiver; problems: WaiverNote[] } {
  const problem = (message: string, check?: string) => ({
    problems: [{ message: `${label} ${message}`, line, check }],
  });
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return problem(
      `is not a mapping of check, reason, expires and approvedBy: not applied.`,
    );
  }
  const entry = value as Record<string, unknown>;
  const check = text(entry.check);
  if (!check) return problem('names no check: not applied.');
  if (!isCheckId(check))
    return problem(`names an unknown check "${check}": not applied.`, check);
  const missing: string[] = [];
  const reason = text(entry.reason);
  if (!reason) missing.push('a reason');
  // An unquoted date stays text under YAML 1.2's core schema, which the parser uses.
  const expires = text(entry.expires);
  if (!expires) missing.push('an expiry date (expires)');
  const approvedBy = text(entry.approvedBy);
  if (!approvedBy) missing.push('an approver (approvedBy)');
  if (missing.length)
    return problem(
      `(${check}) lacks ${missing.join(' and ')}: not applied.`,
      check,
    );
  if (!isDay(expires!)) {
    return problem(
      `(${check}) expires on "${expires}", not a date written YYYY-MM-DD: not applied.`,
      check,
    );
  }
  const unknown = Object.keys(entry).filter(
    key => !(FIELDS as readonly string[]).includes(key),
  );
  return {
    waiver: {
      check,
      reason: reason!,
      expires: expires!,
      approvedBy: approvedBy!,
      line,
    },
    problems: unknown.length
      ? [
          {
            message: `${label} (${check}) has unknown key(s) ${unknown.join(
              ', ',
            )}, which are ignored.`,
            line,
            check,
          },
        ]
      : [],
  };
}

/**
 * Reads the repository's waivers file (`.golden-path/waivers.yaml` at its root), when it
 * has one. Nothing in it is executed: YAML is parsed with the core schema (no custom
 * tags, aliases bounded); a file too large to read, malformed YAML, an entry without a
 * reason, expiry or approver, with an impossible date, naming an unknown check or one
 * already waived is reported as a problem and not applied, never dropped silently.
 */
export function readWaiversFile(tree: SourceTree): WaiverFile | undefined {
  const file: WaiverFile = { path: WAIVERS_PATH, waivers: [], problems: [] };
  const skipped = tree.skipped.find(entry => entry.path === WAIVERS_PATH);
  if (skipped) {
    file.problems.push({
      message: `The waivers file was not read (${skipped.message}): no waiver applies.`,
    });
    return file;
  }
  const content = tree.files.get(WAIVERS_PATH);
  if (content === undefined) return undefined;

  const lineCounter = new LineCounter();
  const doc = parseDocument(content.toString('utf8'), {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
  });
  const lineOf = (node: unknown) => {
    const range = (node as Node | undefined)?.range;
    return range ? lineCounter.linePos(range[0]).line : undefined;
  };
  if (doc.errors.length) {
    const [error] = doc.errors;
    file.problems.push({
      message: `The waivers file is not valid YAML (${
        error.message.split('\n')[0]
      }): no waiver applies.`,
      line: error.linePos?.[0].line,
    });
    return file;
  }
  const waivers = isMap(doc.contents)
    ? doc.contents.get('waivers', true)
    : undefined;
  if (!isSeq(waivers)) {
    file.problems.push({
      message:
        'The waivers file has no list under "waivers:" (see the checklist\'s README): no waiver applies.',
      line: lineOf(doc.contents),
    });
    return file;
  }
  const waived = new Set<string>();
  waivers.items.forEach((node, index) => {
    const line = lineOf(node);
    let value: unknown;
    try {
      value = isNode(node)
        ? node.toJS(doc, { maxAliasCount: MAX_ALIASES })
        : node;
    } catch (error) {
      file.problems.push({
        message: `Waiver ${index + 1} could not be read (${
          toError(error).message
        }): not applied.`,
        line,
      });
      return;
    }
    const { waiver, problems } = readEntry(value, `Waiver ${index + 1}`, line);
    file.problems.push(...problems);
    if (!waiver) return;
    if (waived.has(waiver.check)) {
      file.problems.push({
        message: `Waiver ${index + 1} (${
          waiver.check
        }) waives a check an earlier waiver waives: not applied.`,
        line,
        check: waiver.check,
      });
      return;
    }
    waived.add(waiver.check);
    file.waivers.push(waiver);
  });
  return file;
}
