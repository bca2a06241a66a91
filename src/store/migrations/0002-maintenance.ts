import type { Kysely } from 'kysely';

/** Maintenance windows: definitions (one-off or recurring), affected components, occurrences, updates. */
export function maintenanceMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('maintenances')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('page_id', 'text', (c) => c.notNull().references('pages.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('impact', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('scheduled_for', 'text')
        .addColumn('scheduled_until', 'text')
        .addColumn('rule', 'text')
        .addColumn('time_zone', 'text')
        .addColumn('starts_at_local', 'text')
        .addColumn('duration_minutes', 'integer')
        .addColumn('exceptions_json', 'text')
        .addColumn('auto_start', 'integer', (c) => c.notNull())
        .addColumn('auto_complete', 'integer', (c) => c.notNull())
        .addColumn('validation_url', 'text')
        .addColumn('validation_grace_minutes', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('deleted_at', 'text')
        .execute();

      await db.schema
        .createTable('maintenance_components')
        .addColumn('maintenance_id', 'text', (c) => c.notNull().references('maintenances.id'))
        .addColumn('component_id', 'text', (c) => c.notNull().references('components.id'))
        .addColumn('segment_id', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('maintenance_components_pk', ['maintenance_id', 'component_id', 'segment_id'])
        .execute();

      await db.schema
        .createTable('maintenance_occurrences')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('maintenance_id', 'text', (c) => c.notNull().references('maintenances.id'))
        .addColumn('page_id', 'text', (c) => c.notNull().references('pages.id'))
        .addColumn('starts_at', 'text', (c) => c.notNull())
        .addColumn('ends_at', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text')
        .addColumn('finished_at', 'text')
        .addColumn('verifying_since', 'text')
        .addColumn('last_check_json', 'text')
        .addColumn('validation_incident_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        // Materialising a series twice (two nodes, a restart) must not create a second window.
        .addUniqueConstraint('maintenance_occurrences_start_uq', ['maintenance_id', 'starts_at'])
        .execute();
      await db.schema
        .createIndex('maintenance_occurrences_due_idx')
        .on('maintenance_occurrences')
        .columns(['status', 'starts_at'])
        .execute();
      await db.schema
        .createIndex('maintenance_occurrences_page_idx')
        .on('maintenance_occurrences')
        .columns(['page_id', 'starts_at'])
        .execute();

      await db.schema
        .createTable('maintenance_updates')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('occurrence_id', 'text', (c) => c.notNull().references('maintenance_occurrences.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('display_at', 'text', (c) => c.notNull())
        .addColumn('sequence', 'integer', (c) => c.notNull())
        .addColumn('automatic', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('maintenance_updates_occurrence_idx')
        .on('maintenance_updates')
        .columns(['occurrence_id', 'sequence'])
        .execute();
    },
  };
}
