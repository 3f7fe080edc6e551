// @ts-check

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('checklist_results', table => {
    table.comment('The latest checklist evaluation of each entity');
    table.string('entity_ref').primary().notNullable();
    table
      .string('etag')
      .nullable()
      .comment('Source version the result was computed from');
    table.integer('score').nullable();
    table
      .integer('previous_score')
      .nullable()
      .comment('Score of the evaluation before, for trends');
    table.string('status').notNullable().comment('ok or error');
    table.text('error').nullable();
    table.text('result').nullable().comment('ChecklistResult as JSON');
    table.string('evaluated_at').notNullable();
  });
  await knex.schema.createTable('checklist_history', table => {
    table.comment('Past evaluations for trends, bounded per entity');
    table.increments('id');
    table.string('entity_ref').notNullable().index();
    table.integer('score').nullable();
    table
      .text('failing')
      .notNullable()
      .comment('JSON array of failing check ids');
    table.string('status').notNullable();
    table.string('evaluated_at').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('checklist_history');
  await knex.schema.dropTable('checklist_results');
};
