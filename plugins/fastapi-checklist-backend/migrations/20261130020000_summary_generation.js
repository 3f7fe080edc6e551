// @ts-check

/**
 * A generation number of the latest results, moved by the database itself whenever a
 * transaction that wrote `checklist_results` commits, so every replica can tell in one
 * primary-key read whether the summary it holds in memory is still the table's (see
 * src/service/SummaryCache.ts). Triggers, not the plugin's code, move it: every writer
 * counts, an older replica mid rolling deploy and a hand-written statement included.
 *
 * PostgreSQL: a deferred constraint trigger moves it once per transaction, at commit,
 * so concurrent completions from several replicas hold the counter's row lock only
 * while committing (an immediate trigger would hold it from their first write to their
 * commit, and two transactions locking result rows then the counter could deadlock).
 * SQLite serialises writers: a row trigger moves it within the writing transaction.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('checklist_summary_generation', table => {
    table.comment(
      'One row: moves with every committed write to checklist_results (summary caches)',
    );
    table.integer('id').primary().notNullable();
    table.bigInteger('generation').notNullable();
  });
  await knex('checklist_summary_generation').insert({ id: 1, generation: 0 });
  if (knex.client.config.client === 'pg') {
    await knex.raw(`
      CREATE FUNCTION checklist_bump_summary_generation() RETURNS trigger
      LANGUAGE plpgsql
      -- the plugin's schema, whatever the writing session's search_path
      SET search_path FROM CURRENT
      AS $$
      BEGIN
        -- once per transaction: the setting is local to it
        IF current_setting('fastapi_checklist.generation_bumped', true) IS DISTINCT FROM 'on' THEN
          UPDATE checklist_summary_generation SET generation = generation + 1 WHERE id = 1;
          PERFORM set_config('fastapi_checklist.generation_bumped', 'on', true);
        END IF;
        RETURN NULL;
      END $$`);
    await knex.raw(`
      CREATE CONSTRAINT TRIGGER checklist_results_summary_generation
      AFTER INSERT OR UPDATE OR DELETE ON checklist_results
      DEFERRABLE INITIALLY DEFERRED
      FOR EACH ROW EXECUTE FUNCTION checklist_bump_summary_generation()`);
    await knex.raw(`
      CREATE TRIGGER checklist_results_truncate_summary_generation
      AFTER TRUNCATE ON checklist_results
      FOR EACH STATEMENT EXECUTE FUNCTION checklist_bump_summary_generation()`);
    return;
  }
  for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
    await knex.raw(`
      CREATE TRIGGER checklist_results_${event.toLowerCase()}_summary_generation
      AFTER ${event} ON checklist_results
      BEGIN
        UPDATE checklist_summary_generation SET generation = generation + 1 WHERE id = 1;
      END`);
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (knex.client.config.client === 'pg') {
    await knex.raw(
      'DROP TRIGGER IF EXISTS checklist_results_summary_generation ON checklist_results',
    );
    await knex.raw(
      'DROP TRIGGER IF EXISTS checklist_results_truncate_summary_generation ON checklist_results',
    );
    await knex.raw(
      'DROP FUNCTION IF EXISTS checklist_bump_summary_generation()',
    );
  } else {
    for (const event of ['insert', 'update', 'delete']) {
      await knex.raw(
        `DROP TRIGGER IF EXISTS checklist_results_${event}_summary_generation`,
      );
    }
  }
  await knex.schema.dropTable('checklist_summary_generation');
};
