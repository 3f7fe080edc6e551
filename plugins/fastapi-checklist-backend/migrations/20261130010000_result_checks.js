// @ts-check

/**
 * Each check's real status beside each latest result, with the expiry of the waiver
 * covering it ({"auth":"fail@2027-01-31","cors":"pass"}), so the org-wide summary works
 * out levels, scores and waivers as of the day it is read (a waiver that expired since
 * counts at its real status) without parsing every stored result.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('checklist_results', table => {
    table
      .text('checks')
      .nullable()
      .comment('JSON object: check id -> real status[@waiver expiry]');
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
      /** @type {Record<string, string>} */
      const checks = {};
      for (const item of items) checks[item.id] = item.status;
      await knex('checklist_results')
        .where({ entity_ref: row.entity_ref })
        .update({ checks: JSON.stringify(checks) });
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
