import type { Kysely } from 'kysely';

/**
 * What issue 5 adds after the first release of maintenance: monitors as validation targets, a watch
 * period after completion, and the bookkeeping that makes each follow-up happen once per window
 * (the operator alert when validation fails, the incident when the watch sees a failure).
 */
export function maintenanceFollowUpMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      // JSON array of monitor ids; null when the maintenance names none.
      await db.schema.alterTable('maintenances').addColumn('validation_monitor_ids_json', 'text').execute();
      await db.schema
        .alterTable('maintenances')
        .addColumn('watch_minutes', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.alterTable('maintenance_occurrences').addColumn('validation_alerted_at', 'text').execute();
      await db.schema.alterTable('maintenance_occurrences').addColumn('watch_until', 'text').execute();
      await db.schema.alterTable('maintenance_occurrences').addColumn('watch_incident_id', 'text').execute();
      // The clock's "windows under watch" query.
      await db.schema
        .createIndex('maintenance_occurrences_watch_idx')
        .on('maintenance_occurrences')
        .column('watch_until')
        .execute();
    },
  };
}
