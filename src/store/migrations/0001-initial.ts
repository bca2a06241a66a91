import type { Kysely } from 'kysely';
import { autoIncrementType, type SqlDialect } from '../dialect.js';

/** The foundation schema: pages, components, groups, segments, incidents, tokens and audit. */
export function initialMigration(dialect: SqlDialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('pages')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('time_zone', 'text', (c) => c.notNull())
        .addColumn('url', 'text')
        .addColumn('default_lang', 'text', (c) => c.notNull())
        .addColumn('is_default', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('component_groups')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('page_id', 'text', (c) => c.notNull().references('pages.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('deleted_at', 'text')
        .execute();

      await db.schema
        .createTable('components')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('page_id', 'text', (c) => c.notNull().references('pages.id'))
        .addColumn('group_id', 'text', (c) => c.references('component_groups.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('showcase', 'integer', (c) => c.notNull())
        .addColumn('only_show_if_degraded', 'integer', (c) => c.notNull())
        .addColumn('start_date', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('deleted_at', 'text')
        .execute();
      await db.schema.createIndex('components_page_idx').on('components').columns(['page_id', 'position']).execute();

      await db.schema
        .createTable('segments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('page_id', 'text', (c) => c.notNull().references('pages.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('deleted_at', 'text')
        .execute();

      await db.schema
        .createTable('status_sources')
        .addColumn('component_id', 'text', (c) => c.notNull().references('components.id'))
        .addColumn('segment_id', 'text', (c) => c.notNull())
        .addColumn('source_type', 'text', (c) => c.notNull())
        .addColumn('source_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('since', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('status_sources_pk', ['component_id', 'segment_id', 'source_type', 'source_id'])
        .execute();
      await db.schema
        .createIndex('status_sources_source_idx')
        .on('status_sources')
        .columns(['source_type', 'source_id'])
        .execute();

      await db.schema
        .createTable('incidents')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('page_id', 'text', (c) => c.notNull().references('pages.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('impact', 'text', (c) => c.notNull())
        .addColumn('impact_override', 'text')
        .addColumn('backfilled', 'integer', (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('monitoring_at', 'text')
        .addColumn('resolved_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('deleted_at', 'text')
        .execute();
      await db.schema.createIndex('incidents_page_idx').on('incidents').columns(['page_id', 'started_at']).execute();

      await db.schema
        .createTable('incident_updates')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('display_at', 'text', (c) => c.notNull())
        .addColumn('sequence', 'integer', (c) => c.notNull())
        .addColumn('deliver_notifications', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('incident_updates_incident_idx')
        .on('incident_updates')
        .columns(['incident_id', 'display_at'])
        .execute();

      await db.schema
        .createTable('incident_update_components')
        .addColumn('update_id', 'text', (c) => c.notNull().references('incident_updates.id'))
        .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
        .addColumn('component_id', 'text', (c) => c.notNull().references('components.id'))
        .addColumn('segment_id', 'text', (c) => c.notNull())
        .addColumn('old_status', 'text', (c) => c.notNull())
        .addColumn('new_status', 'text', (c) => c.notNull())
        .addColumn('effective_at', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('incident_update_components_pk', ['update_id', 'component_id', 'segment_id'])
        .execute();
      await db.schema
        .createIndex('incident_update_components_incident_idx')
        .on('incident_update_components')
        .column('incident_id')
        .execute();

      await db.schema
        .createTable('api_tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('secret_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_used_at', 'text')
        .addColumn('revoked_at', 'text')
        .execute();

      await db.schema
        .createTable('audit_log')
        .addColumn('id', autoIncrementType(dialect), (c) =>
          dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey(),
        )
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor_type', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('actor_name', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target_type', 'text', (c) => c.notNull())
        .addColumn('target_id', 'text', (c) => c.notNull())
        .addColumn('page_id', 'text')
        .addColumn('before_json', 'text')
        .addColumn('after_json', 'text')
        .execute();
      await db.schema
        .createIndex('audit_log_target_idx')
        .on('audit_log')
        .columns(['target_type', 'target_id'])
        .execute();
    },
  };
}
