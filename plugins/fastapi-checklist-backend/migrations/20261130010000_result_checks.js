// @ts-check

/**
 * The check ids the store knew when this migration was written, in the store's fixed
 * order (src/database/checkStates.ts STORED_CHECK_ORDER begins with them; its test says).
 */
const CHECK_ORDER = [
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
exports.CHECK_ORDER = CHECK_ORDER;

/** @type {Record<string, string>} */
const CODE = {
  pass: 'p',
  warn: 'w',
  fail: 'f',
  'not-applicable': 'n',
  error: 'e',
};

/**
 * A stored result's items in the store's compact form (checkStates.ts encodeCheckStates;
 * results stored before waivers existed have none): `1` and a letter per position.
 *
 * @param {{id: string, status: string}[]} items
 */
function encode(items) {
  /** @type {string[]} */
  const letters = [];
  for (const item of items) {
    const position = CHECK_ORDER.indexOf(item.id);
    if (position < 0 || !CODE[item.status]) {
      /** @type {Record<string, string>} */
      const states = {};
      for (const { id, status } of items) states[id] = status;
      return JSON.stringify(states);
    }
    letters[position] = CODE[item.status];
  }
  return `1${Array.from(letters, letter => letter ?? '-').join('')}`;
}

/**
 * Each check's real status beside each latest result, with the expiry of the waiver
 * covering it, so the org-wide summary works out levels, scores and waivers as of the
 * day it is read (a waiver that expired since counts at its real status) without
 * parsing every stored result.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('checklist_results', table => {
    table
      .text('checks')
      .nullable()
      .comment('Each check: real status and waiver expiry (checkStates.ts)');
  });
  // Backfill in pages, so a large table is never read at once. Results stored before
  // waivers existed have none: their statuses are their real ones.
  const page = 500;
  for (let after = ''; ; ) {
    const rows = await knex('checklist_results')
      .where('entity_ref', '>', after)
      .orderBy('entity_ref')
      .limit(page)
      .select('entity_ref', 'result');
    if (!rows.length) break;
    for (const row of rows) {
      const items = row.result ? JSON.parse(row.result).items ?? [] : [];
      await knex('checklist_results')
        .where({ entity_ref: row.entity_ref })
        .update({ checks: encode(items) });
    }
    after = rows[rows.length - 1].entity_ref;
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('checklist_results', table => {
    table.dropColumn('checks');
  });
};
