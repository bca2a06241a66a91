import type { Kysely } from 'kysely';

/**
 * Team subscribers: each subscriber is for the public (customers) or the team (operators, who hear
 * about monitors changing state). Existing subscribers are public.
 */
export function teamAlertsMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('subscribers')
        .addColumn('audience', 'text', (c) => c.notNull().defaultTo('public'))
        .execute();
    },
  };
}
