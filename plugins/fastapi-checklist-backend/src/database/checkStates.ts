import {
  ChecklistResult,
  realStatus,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';

/**
 * Each check of a result by id: its real status, and when an active waiver covers it,
 * `@` and the waiver's expiry ("fail@2027-01-31"). What the summary needs to work out
 * scores, levels and waivers on the day it is read; stored beside the result in the
 * compact form of {@link encodeCheckStates}.
 */
export type CheckStates = Readonly<Record<string, string>>;

/**
 * Every check id the store has ever known, in a fixed order. APPEND ONLY: a stored
 * row's states are positions in this list, so a row written before a check existed
 * reads as not having it (not evaluated), whatever is added later.
 */
export const STORED_CHECK_ORDER: readonly string[] = [
  'response-models',
  'auth',
  'input-validation',
  'exception-handlers',
  'cors',
  'env-secrets',
  'tests',
  'dockerfile',
  'workers',
  'logging',
  'health',
  'tracing',
  'metrics',
  'request-id',
  'probes',
  'security-headers',
  'rate-limit',
  'dependency-lock',
  'dependency-updates',
  'migrations',
  'ci',
];

const CODE: Record<string, string> = {
  pass: 'p',
  warn: 'w',
  fail: 'f',
  'not-applicable': 'n',
  error: 'e',
};
const STATUS: Record<string, string> = Object.fromEntries(
  Object.entries(CODE).map(([status, code]) => [code, status]),
);
const POSITION = new Map(STORED_CHECK_ORDER.map((id, index) => [id, index]));
/** The compact form's version mark (JSON objects, the first form, start with `{`). */
const VERSION = '1';

/** The check states of a result (waivers applied), empty without one. */
export function checkStatesOf(
  result: ChecklistResult | undefined,
): CheckStates {
  const states: Record<string, string> = {};
  for (const item of result?.items ?? []) {
    const status = realStatus(item);
    states[item.id] = item.waiver ? `${status}@${item.waiver.expires}` : status;
  }
  return states;
}

/**
 * Check states as stored: `1`, a letter per position of STORED_CHECK_ORDER (p pass,
 * w warn, f fail, n not applicable, e error, - absent; trailing absences left out), then
 * `;<position>=<waiver expiry>` per waived check: `1pfpp-w;1=2027-01-31`. About 25 bytes
 * where the JSON object took ~450: the org-wide summary reads this for every service. A
 * check outside the list (none, the list's test says) is stored as a JSON object.
 */
export function encodeCheckStates(states: CheckStates): string {
  const letters: string[] = [];
  const expiries: string[] = [];
  for (const [id, state] of Object.entries(states)) {
    const position = POSITION.get(id);
    const [status, expires] = state.split('@');
    if (position === undefined || !CODE[status]) return JSON.stringify(states);
    letters[position] = CODE[status];
    if (expires !== undefined) expiries.push(`;${position}=${expires}`);
  }
  const text = Array.from(letters, letter => letter ?? '-').join('');
  return `${VERSION}${text}${expiries.sort().join('')}`;
}

/** Reads either stored form back into check states. */
export function decodeCheckStates(text: string): CheckStates {
  if (text.startsWith('{')) return JSON.parse(text);
  if (!text.startsWith(VERSION))
    throw new Error(`Unknown stored check states "${text.slice(0, 40)}"`);
  const [letters, ...expiries] = text.slice(VERSION.length).split(';');
  const states: Record<string, string> = {};
  for (let position = 0; position < letters.length; position++) {
    const status = STATUS[letters[position]];
    if (status) states[STORED_CHECK_ORDER[position]] = status;
  }
  for (const expiry of expiries) {
    const [position, expires] = expiry.split('=');
    const id = STORED_CHECK_ORDER[Number(position)];
    states[id] = `${states[id]}@${expires}`;
  }
  return states;
}
