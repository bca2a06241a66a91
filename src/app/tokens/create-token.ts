import { invalid } from '../../core/errors.js';
import { ROLES, type Actor, type ApiToken, type Role } from '../../core/model.js';
import { requireRole } from '../../core/permissions.js';
import { insertToken } from '../../store/tokens-store.js';
import type { AppContext } from '../context.js';
import { audit, runWrite } from '../transaction.js';
import { formatToken, hashSecret, newTokenSecret } from './token-secret.js';

/** A freshly created token: the only moment its secret is known. */
export interface CreatedToken {
  token: ApiToken;
  secret: string;
}

/** Create an API token; only its scrypt hash is stored. */
export async function createToken(
  app: AppContext,
  actor: Actor,
  input: { name: string; role: Role },
): Promise<CreatedToken> {
  requireRole(actor, 'admin');
  if (!(ROLES as readonly string[]).includes(input.role)) {
    throw invalid('INVALID_ROLE', `role must be one of ${ROLES.join(', ')}; got "${input.role}".`, { field: 'role' });
  }
  if (input.name.trim() === '') throw invalid('INVALID_NAME', 'name must not be empty.', { field: 'name' });
  const id = app.newId();
  const secret = newTokenSecret();
  const secretHash = await hashSecret(secret);
  return runWrite(app, async (trx) => {
    const token: ApiToken = {
      id,
      name: input.name,
      role: input.role,
      createdAt: app.now().toISOString(),
      lastUsedAt: null,
      revokedAt: null,
    };
    await insertToken(trx, { ...token, secretHash });
    await audit(trx, app, actor, {
      action: 'token.created',
      targetType: 'api_token',
      targetId: id,
      pageId: null,
      after: token,
    });
    return { value: { token, secret: formatToken(id, secret) }, changedPageIds: [] };
  });
}
