import type { Kysely } from 'kysely';

/** Monitoring: monitors, the evaluator's state per monitor, raw check results and their roll-ups. */
export function monitorsMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('monitors')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('page_id', 'text', (c) => c.notNull().references('pages.id'))
        .addColumn('component_id', 'text', (c) => c.notNull().references('components.id'))
        .addColumn('segment_id', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('settings_json', 'text', (c) => c.notNull())
        .addColumn('interval_seconds', 'integer', (c) => c.notNull())
        .addColumn('timeout_ms', 'integer', (c) => c.notNull())
        .addColumn('locations_json', 'text', (c) => c.notNull())
        .addColumn('failure_threshold', 'integer', (c) => c.notNull())
        .addColumn('recovery_threshold', 'integer', (c) => c.notNull())
        .addColumn('quorum', 'integer')
        .addColumn('max_latency_ms', 'integer')
        .addColumn('down_status', 'text', (c) => c.notNull())
        .addColumn('slow_status', 'text', (c) => c.notNull())
        .addColumn('auto_incident', 'text', (c) => c.notNull())
        .addColumn('depends_on_json', 'text', (c) => c.notNull())
        .addColumn('period_seconds', 'integer')
        .addColumn('grace_seconds', 'integer')
        .addColumn('push_token_hash', 'text')
        .addColumn('paused', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('deleted_at', 'text')
        .execute();
      await db.schema.createIndex('monitors_component_idx').on('monitors').column('component_id').execute();

      await db.schema
        .createTable('monitor_states')
        .addColumn('monitor_id', 'text', (c) => c.primaryKey().references('monitors.id'))
        .addColumn('state_json', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('since', 'text')
        .addColumn('applied_status', 'text', (c) => c.notNull())
        .addColumn('incident_id', 'text')
        .addColumn('incident_fingerprint', 'text')
        .addColumn('taken_over', 'integer', (c) => c.notNull())
        .addColumn('joined_root', 'integer', (c) => c.notNull())
        .addColumn('last_beat_at', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      // No foreign key to monitors: results arrive in bulk from probes, and retention deletes by time.
      await db.schema
        .createTable('check_results')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('monitor_id', 'text', (c) => c.notNull())
        .addColumn('location', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('ok', 'integer', (c) => c.notNull())
        .addColumn('ms', 'integer', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('check_results_monitor_at_idx')
        .on('check_results')
        .columns(['monitor_id', 'at'])
        .execute();
      await db.schema.createIndex('check_results_at_idx').on('check_results').column('at').execute();

      // One row per singleton loop ("local-checks"): which node runs it, until when.
      await db.schema
        .createTable('monitor_leases')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('holder', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('check_rollups')
        .addColumn('monitor_id', 'text', (c) => c.notNull())
        .addColumn('resolution', 'text', (c) => c.notNull())
        .addColumn('bucket_start', 'text', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('p50_ms', 'integer')
        .addColumn('p95_ms', 'integer')
        .addColumn('p99_ms', 'integer')
        .addColumn('histogram_json', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('check_rollups_pk', ['monitor_id', 'resolution', 'bucket_start'])
        .execute();
      await db.schema
        .createIndex('check_rollups_resolution_idx')
        .on('check_rollups')
        .columns(['resolution', 'bucket_start'])
        .execute();
    },
  };
}
