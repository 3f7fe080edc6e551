// @ts-check

/**
 * The evaluation queue: one row per entity that is due or being evaluated, so replicas on
 * one database share the work and never evaluate an entity twice at once.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('checklist_queue', table => {
    table.comment(
      'Entities due for evaluation or being evaluated; a claim is a lease one replica holds',
    );
    table.string('entity_ref').primary().notNullable();
    table
      .bigInteger('queued_at')
      .notNullable()
      .comment('When the entity became due (epoch ms); oldest first');
    table
      .string('claimed_by')
      .nullable()
      .comment('The replica evaluating it, while its claim lasts');
    table
      .bigInteger('claim_expires_at')
      .nullable()
      .comment(
        'End of the claim (epoch ms); after it, another replica may take over',
      );
    table.index(['queued_at'], 'checklist_queue_queued_at_idx');
  });
  await knex.schema.alterTable('checklist_results', table => {
    table
      .integer('evaluations')
      .notNullable()
      .defaultTo(0)
      .comment(
        'How often the entity was evaluated (analysed or found unchanged)',
      );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('checklist_results', table => {
    table.dropColumn('evaluations');
  });
  await knex.schema.dropTable('checklist_queue');
};
