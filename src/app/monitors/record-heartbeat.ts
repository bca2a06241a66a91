import { createHash, timingSafeEqual } from 'node:crypto';
import { DomainError } from '../../core/errors.js';
import type { CheckResult } from '../../core/model.js';
import type { Monitor } from '../../core/monitor-definition.js';
import { emptyMonitorState, loadMonitorStates, saveMonitorState } from '../../store/monitor-states-store.js';
import { findMonitor, findPushTokenHash } from '../../store/monitors-store.js';
import type { AppContext } from '../context.js';
import { verifySecret } from '../tokens/token-secret.js';
import { parsePushToken } from './push-token.js';
import { recordCheckResults } from './record-check-results.js';

/**
 * A beat from a heartbeat monitor's push URL: remember when it came and count it as a passing check,
 * so a missing service that comes back recovers at once. An unknown, malformed or paused token is
 * refused the same way, so the URL reveals nothing.
 */
export async function recordHeartbeat(
  app: AppContext,
  token: string,
  verified: VerifiedPushTokens = new VerifiedPushTokens(),
): Promise<{ monitorId: string }> {
  const refused = new DomainError(
    'unauthenticated',
    'INVALID_PUSH_TOKEN',
    'This push URL is unknown or no longer valid.',
  );
  const parsed = parsePushToken(token);
  if (!parsed) throw refused;
  const hash = await findPushTokenHash(app.db, parsed.monitorId);
  if (!hash) throw refused;
  if (!verified.has(token, hash)) {
    if (!(await verifySecret(parsed.secret, hash))) throw refused;
    verified.add(token, hash);
  }
  const monitor = await findMonitor(app.db, parsed.monitorId);
  if (!monitor || monitor.type !== 'heartbeat') throw refused;
  const at = app.now().toISOString();
  await app.db.transaction().execute(async (trx) => {
    const states = await loadMonitorStates(trx, [monitor.id], { lock: true, dialect: app.dialect });
    const current = states.get(monitor.id) ?? emptyMonitorState(monitor.id, at);
    await saveMonitorState(trx, { ...current, lastBeatAt: at, updatedAt: at });
  });
  if (!monitor.paused) {
    await recordCheckResults(app, [
      {
        id: app.newId(),
        monitorId: monitor.id,
        location: 'local',
        result: { ok: true, reason: 'beat received', ms: 0, at },
      },
    ]);
  }
  return { monitorId: monitor.id };
}

/**
 * Push tokens already verified, by SHA-256 (scrypt costs ~45 ms; a service beating every 10 s should
 * not pay it each time). An entry only counts while the stored hash is the same.
 */
export class VerifiedPushTokens {
  private readonly seen = new Map<string, { digest: Buffer; hash: string }>();

  /** True when this exact token was verified against this stored hash before. */
  has(token: string, hash: string): boolean {
    const entry = this.seen.get(token.slice(0, 16));
    if (!entry || entry.hash !== hash) return false;
    const digest = createHash('sha256').update(token).digest();
    return timingSafeEqual(entry.digest, digest);
  }

  /** Remember a verified token (one entry per monitor). */
  add(token: string, hash: string): void {
    if (this.seen.size > 100_000) this.seen.clear();
    this.seen.set(token.slice(0, 16), { digest: createHash('sha256').update(token).digest(), hash });
  }
}

/**
 * The scheduled "check" of a heartbeat monitor: it fails once no beat came within period + grace
 * (counted from creation until the first beat).
 */
export async function checkHeartbeat(app: AppContext, monitor: Monitor): Promise<CheckResult> {
  const now = app.now();
  const states = await loadMonitorStates(app.db, [monitor.id]);
  const last = states.get(monitor.id)?.lastBeatAt ?? monitor.createdAt;
  const allowedMs = ((monitor.periodSeconds ?? monitor.intervalSeconds) + (monitor.graceSeconds ?? 0)) * 1000;
  const silentMs = now.getTime() - Date.parse(last);
  const ok = silentMs <= allowedMs;
  return {
    ok,
    reason: ok ? 'beat within period' : `no heartbeat for ${Math.round(silentMs / 1000)} s`,
    ms: 0,
    at: now.toISOString(),
  };
}
