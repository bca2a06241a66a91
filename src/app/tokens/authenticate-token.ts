import { createHash, timingSafeEqual } from 'node:crypto';
import { DomainError } from '../../core/errors.js';
import type { Actor } from '../../core/model.js';
import { findToken, touchToken } from '../../store/tokens-store.js';
import type { AppContext } from '../context.js';
import { parseToken, verifySecret } from './token-secret.js';

const CACHE_MS = 5 * 60_000;
const TOUCH_EVERY_MS = 60_000;

/**
 * Turns bearer tokens into actors. scrypt is deliberately slow, so a verified token's SHA-256 is
 * remembered for a few minutes; revocation is still checked against the database on every request.
 */
export class TokenAuthenticator {
  private readonly verified = new Map<string, { digest: Buffer; until: number; touchedAt: number }>();

  constructor(private readonly app: AppContext) {}

  /** The actor behind `Authorization: Bearer …`, or an `unauthenticated` error. */
  async authenticate(header: string | undefined): Promise<Actor> {
    const presented = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
    if (!presented) {
      throw new DomainError(
        'unauthenticated',
        'UNAUTHENTICATED',
        'Send an API token as "Authorization: Bearer <token>"; create one with `pharos token create`.',
      );
    }
    const parsed = parseToken(presented);
    const bad = new DomainError('unauthenticated', 'INVALID_TOKEN', 'The API token is unknown, malformed or revoked.');
    if (!parsed) throw bad;
    const stored = await findToken(this.app.db, parsed.id);
    if (!stored || stored.revokedAt) throw bad;

    const now = this.app.now().getTime();
    const digest = createHash('sha256').update(presented).digest();
    const cached = this.verified.get(parsed.id);
    let ok = cached !== undefined && cached.until > now && timingSafeEqual(cached.digest, digest);
    if (!ok) {
      ok = await verifySecret(parsed.secret, stored.secretHash);
      if (!ok) throw bad;
      this.verified.set(parsed.id, { digest, until: now + CACHE_MS, touchedAt: 0 });
    }
    const entry = this.verified.get(parsed.id)!;
    if (now - entry.touchedAt > TOUCH_EVERY_MS) {
      entry.touchedAt = now;
      await touchToken(this.app.db, parsed.id, new Date(now).toISOString());
    }
    return { type: 'token', id: stored.id, name: stored.name, role: stored.role };
  }
}
