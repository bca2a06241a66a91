import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Database } from './database.js';
import { initialMigration } from './migrations/0001-initial.js';
import { maintenanceMigration } from './migrations/0002-maintenance.js';
import { monitorsMigration } from './migrations/0003-monitors.js';
import { notificationsMigration } from './migrations/0004-notifications.js';
import { publicPageMigration } from './migrations/0005-public-page.js';
import { maintenanceFollowUpMigration } from './migrations/0006-maintenance-follow-up.js';
import { teamAlertsMigration } from './migrations/0007-team-alerts.js';

/** Every migration, in order. Names never change once released. */
function allMigrations(database: Database): Record<string, Migration> {
  return {
    '0001-initial': initialMigration(database.dialect),
    '0002-maintenance': maintenanceMigration(),
    '0003-monitors': monitorsMigration(),
    '0004-notifications': notificationsMigration(database.dialect),
    '0005-public-page': publicPageMigration(),
    '0006-maintenance-follow-up': maintenanceFollowUpMigration(),
    '0007-team-alerts': teamAlertsMigration(),
  };
}

/**
 * Bring the schema up to date. On PostgreSQL Kysely's migrator takes an advisory lock and runs in
 * one transaction, so several nodes starting at once apply each migration exactly once.
 */
export async function migrateToLatest(database: Database): Promise<string[]> {
  const provider: MigrationProvider = { getMigrations: () => Promise.resolve(allMigrations(database)) };
  const migrator = new Migrator({ db: database.db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(
      `Migration ${failed?.migrationName ?? '(unknown)'} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
      { cause: error },
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
