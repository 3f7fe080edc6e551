import type { ChecklistResult } from '@fastapi-golden-path/plugin-fastapi-checklist-common';

/**
 * A result as plain data of the caller's realm. Messages from a worker are built with the
 * objects of the thread's main realm, which is not the caller's under jest's vm sandbox;
 * consumers such as the scaffolder's nunjitsu refuse arrays whose prototype is not their
 * own Array.prototype ("Template arrays cannot use a custom prototype"). A message is
 * deserialised in one realm, so one array tells: in a backend (one realm) the result is
 * used as it is, since copying every result cost the main thread ~5 % of a refresh.
 */
export function inCallersRealm(result: ChecklistResult): ChecklistResult {
  if (result.items instanceof Array) return result;
  return JSON.parse(JSON.stringify(result));
}
