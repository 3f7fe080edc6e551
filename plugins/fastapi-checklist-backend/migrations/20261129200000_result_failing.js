// @ts-check

/**
 * The failing check ids beside each latest result, so the org-wide summary reads a few
 * columns per entity instead of parsing every stored result (MBs at 10,000 entities).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('checklist_results', table => {
    table
      .text('failing')
      .nullable()
      .comment('JSON array of the failing check ids of result');
  });
  // Backfill in pages, so a large table is never read at once.
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
      const failing = items
        .filter(
          (/** @type {{status: string}} */ item) => item.status === 'fail',
        )
        .map((/** @type {{id: string}} */ item) => item.id);
      await knex('checklist_results')
        .where({ entity_ref: row.entity_ref })
        .update({ failing: JSON.stringify(failing) });
    }
    after = rows[rows.length - 1].entity_ref;
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('checklist_results', table => {
    table.dropColumn('failing');
  });
};
