import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { SqlDialect } from '../store/dialect.js';
import type { Schema } from '../store/schema.js';

/** What every use case receives: the database, a clock and an id source (both injectable for tests). */
export interface AppContext {
  db: Kysely<Schema>;
  dialect: SqlDialect;
  now: () => Date;
  newId: () => string;
  /**
   * Called after a commit that changed what a page shows. The snapshot layer rebuilds the page and
   * resolves once the change is visible, so a writer reads its own write on the public page.
   */
  onPageChanged: (pageId: string) => void | Promise<void>;
  /** Called when a notification is queued, so the dispatcher can wake early (it also polls). */
  onNotificationQueued?: () => void;
  /** PHAROS_ALERT_WEBHOOK_URL: every page, new ones included, sends operator alerts there. */
  alertWebhookUrl?: string | null;
}

/** A query runner: the database or an open transaction. */
export type Db = Kysely<Schema> | Transaction<Schema>;

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** A random 12-character base36 id, the shape Statuspage uses for its ids. */
export function newBase36Id(): string {
  const bytes = randomBytes(12);
  let id = '';
  for (const byte of bytes) id += ALPHABET[byte % 36];
  return id;
}

/** Build a context with the real clock and ids. */
export function createAppContext(
  db: Kysely<Schema>,
  dialect: SqlDialect,
  overrides: Partial<Pick<AppContext, 'now' | 'newId' | 'onPageChanged' | 'onNotificationQueued'>> = {},
): AppContext {
  return {
    db,
    dialect,
    now: overrides.now ?? (() => new Date()),
    newId: overrides.newId ?? newBase36Id,
    onPageChanged: overrides.onPageChanged ?? (() => undefined),
    onNotificationQueued: overrides.onNotificationQueued,
  };
}
