import type { Actor, ApiToken } from '../../core/model.js';
import { requireRole } from '../../core/permissions.js';
import { listTokens as listTokenRows } from '../../store/tokens-store.js';
import type { AppContext } from '../context.js';

/** Every token without its hash (admins only). */
export async function listTokens(app: AppContext, actor: Actor): Promise<ApiToken[]> {
  requireRole(actor, 'admin');
  const rows = await listTokenRows(app.db);
  return rows.map(({ secretHash: _hash, ...token }) => token);
}
