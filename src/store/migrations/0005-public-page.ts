import type { Kysely } from 'kysely';

/**
 * The public page: branding columns on pages (logo, accent colour, footer links, custom domain) and
 * a per-page version counter that every write bumps, so each node (and each worker process) can tell
 * cheaply that its in-memory snapshot of a page is out of date.
 */
export function publicPageMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('pages').addColumn('logo_url', 'text').execute();
      await db.schema.alterTable('pages').addColumn('accent_color', 'text').execute();
      await db.schema.alterTable('pages').addColumn('footer_links_json', 'text').execute();
      await db.schema.alterTable('pages').addColumn('custom_domain', 'text').execute();
      await db.schema.createIndex('pages_custom_domain').on('pages').column('custom_domain').unique().execute();

      await db.schema
        .createTable('page_versions')
        .addColumn('page_id', 'text', (c) => c.primaryKey().references('pages.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('changed_at', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
