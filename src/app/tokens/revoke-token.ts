import { notFound } from '../../core/errors.js';
import type { Actor, ApiToken } from '../../core/model.js';
import { requireRole } from '../../core/permissions.js';
import { findToken, revokeTokenRow } from '../../store/tokens-store.js';
import type { AppContext } from '../context.js';
import { audit, runWrite } from '../transaction.js';

/** Revoke a token; it stops working on the next request. Revoking twice is harmless. */
export async function revokeToken(app: AppContext, actor: Actor, tokenId: string): Promise<ApiToken> {
  requireRole(actor, 'admin');
  return runWrite(app, async (trx) => {
    const stored = await findToken(trx, tokenId);
    if (!stored) throw notFound('TOKEN_NOT_FOUND', `No API token has the id "${tokenId}".`);
    const { secretHash: _hash, ...before } = stored;
    if (before.revokedAt) return { value: before, changedPageIds: [] };
    const after = { ...before, revokedAt: app.now().toISOString() };
    await revokeTokenRow(trx, tokenId, after.revokedAt);
    await audit(trx, app, actor, {
      action: 'token.revoked',
      targetType: 'api_token',
      targetId: tokenId,
      pageId: null,
      before,
      after,
    });
    return { value: after, changedPageIds: [] };
  });
}
