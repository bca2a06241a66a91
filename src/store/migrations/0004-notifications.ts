import type { Kysely } from 'kysely';
import { autoIncrementType, type SqlDialect } from '../dialect.js';

/**
 * Subscribers and notifications: subscribers and their component scope, the outbox of notification
 * events, one delivery per (subscriber, event), the log of every attempt, per-window notification
 * flags on maintenances, and instance keys (the HMAC key that signs subscriber links).
 */
export function notificationsMigration(dialect: SqlDialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('instance_keys')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('subscribers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('page_id', 'text', (c) => c.notNull().references('pages.id'))
        .addColumn('type', 'text', (c) => c.notNull())
        // The e-mail address (lower-cased) or the URL; unique per page and type.
        .addColumn('address', 'text', (c) => c.notNull())
        // Webhook signing secret, kept in clear because HMAC needs it; never returned after creation.
        .addColumn('secret', 'text')
        .addColumn('contact_email', 'text')
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('confirmed_at', 'text')
        .addColumn('confirm_expires_at', 'text')
        // Bumped to invalidate every link (confirm, manage, unsubscribe) handed out so far.
        .addColumn('token_generation', 'integer', (c) => c.notNull())
        .addColumn('quarantined_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('deleted_at', 'text')
        .addUniqueConstraint('subscribers_address_uq', ['page_id', 'type', 'address'])
        .execute();

      // Fan-out walks a page's subscribers in id order, chunk by chunk.
      await db.schema.createIndex('subscribers_page_id_idx').on('subscribers').columns(['page_id', 'id']).execute();

      await db.schema
        .createTable('subscriber_components')
        .addColumn('subscriber_id', 'text', (c) => c.notNull().references('subscribers.id'))
        .addColumn('component_id', 'text', (c) => c.notNull().references('components.id'))
        .addPrimaryKeyConstraint('subscriber_components_pk', ['subscriber_id', 'component_id'])
        .execute();
      await db.schema
        .createIndex('subscriber_components_component_idx')
        .on('subscriber_components')
        .columns(['component_id'])
        .execute();

      await db.schema
        .createTable('notification_events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('page_id', 'text', (c) => c.notNull().references('pages.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('ref_json', 'text', (c) => c.notNull())
        .addColumn('component_ids_json', 'text', (c) => c.notNull())
        // Set for a message to one subscriber only (confirmation, quarantine notice).
        .addColumn('subscriber_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('fanned_out_at', 'text')
        // What every delivery of this event says, rendered once at fan-out.
        .addColumn('content_json', 'text')
        .execute();
      await db.schema
        .createIndex('notification_events_pending_idx')
        .on('notification_events')
        .columns(['fanned_out_at', 'created_at'])
        .execute();

      await db.schema
        .createTable('notification_deliveries')
        .addColumn('id', autoIncrementType(dialect), (c) =>
          dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey(),
        )
        .addColumn('event_id', 'text', (c) => c.notNull().references('notification_events.id'))
        .addColumn('subscriber_id', 'text', (c) => c.notNull().references('subscribers.id'))
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('next_attempt_at', 'text', (c) => c.notNull())
        .addColumn('lease_owner', 'text')
        .addColumn('lease_expires_at', 'text')
        .addColumn('last_error', 'text')
        .addColumn('delivered_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        // Fan-out may run twice (a crash, two nodes): one delivery per recipient and event, ever.
        .addUniqueConstraint('notification_deliveries_uq', ['subscriber_id', 'event_id'])
        .execute();
      await db.schema
        .createIndex('notification_deliveries_due_idx')
        .on('notification_deliveries')
        // Each channel's workers claim their due rows in time order straight from this index.
        .columns(['channel', 'status', 'next_attempt_at'])
        .execute();
      await db.schema
        .createIndex('notification_deliveries_event_idx')
        .on('notification_deliveries')
        .columns(['event_id'])
        .execute();

      await db.schema
        .createTable('delivery_attempts')
        .addColumn('id', autoIncrementType(dialect), (c) =>
          dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey(),
        )
        .addColumn('delivery_id', 'integer', (c) => c.notNull())
        .addColumn('subscriber_id', 'text', (c) => c.notNull())
        .addColumn('attempt', 'integer', (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('duration_ms', 'integer', (c) => c.notNull())
        .addColumn('ok', 'integer', (c) => c.notNull())
        .addColumn('status_code', 'integer')
        .addColumn('error', 'text')
        .execute();
      await db.schema
        .createIndex('delivery_attempts_delivery_idx')
        .on('delivery_attempts')
        .columns(['delivery_id'])
        .execute();
      await db.schema
        .createIndex('delivery_attempts_subscriber_idx')
        .on('delivery_attempts')
        .columns(['subscriber_id', 'started_at'])
        .execute();

      // Per-window flags: remind N hours before (null = no reminder), announce start and end.
      await db.schema.alterTable('maintenances').addColumn('notify_reminder_hours', 'integer').execute();
      await db.schema
        .alterTable('maintenances')
        .addColumn('notify_start', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema
        .alterTable('maintenances')
        .addColumn('notify_end', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema.alterTable('maintenance_occurrences').addColumn('reminded_at', 'text').execute();
    },
  };
}
