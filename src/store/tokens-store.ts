import type { Db } from '../app/context.js';
import type { ApiToken, Role } from '../core/model.js';
import type { ApiTokenTable } from './schema.js';

/** A token row including its secret hash, which never leaves the app layer. */
export interface StoredToken extends ApiToken {
  secretHash: string;
}

function toToken(row: ApiTokenTable): StoredToken {
  return {
    id: row.id,
    name: row.name,
    role: row.role as Role,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
    secretHash: row.secret_hash,
  };
}

/** Insert a token. */
export async function insertToken(db: Db, token: StoredToken): Promise<void> {
  await db
    .insertInto('api_tokens')
    .values({
      id: token.id,
      name: token.name,
      role: token.role,
      secret_hash: token.secretHash,
      created_at: token.createdAt,
      last_used_at: null,
      revoked_at: null,
    })
    .execute();
}

/** A token by id. */
export async function findToken(db: Db, id: string): Promise<StoredToken | undefined> {
  const row = await db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toToken(row);
}

/** Every token, newest first. */
export async function listTokens(db: Db): Promise<StoredToken[]> {
  const rows = await db.selectFrom('api_tokens').selectAll().orderBy('created_at', 'desc').execute();
  return rows.map(toToken);
}

/** Mark a token revoked. */
export async function revokeTokenRow(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).execute();
}

/** Record when a token was last used. */
export async function touchToken(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}
