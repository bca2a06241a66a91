import { connect } from 'node:net';
import type { CheckResult } from '../core/model.js';
import { resolveTarget } from './address-guard.js';
import { startCheck } from './check-result.js';

/**
 * Open a TCP connection to host:port and close it at once: ok when the handshake completes in
 * time. Refusals, unreachable hosts and timeouts are results, not exceptions.
 */
export async function checkTcp(
  host: string,
  port: number,
  options: { timeoutMs: number; now: () => Date },
): Promise<CheckResult> {
  const done = startCheck(options.now);
  const target = await resolveTarget(host);
  if ('refused' in target) return done(false, target.refused);
  const address = target.address;
  return new Promise((resolve) => {
    const socket = connect({ host: address, port });
    const finish = (ok: boolean, reason: string) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(done(ok, reason));
    };
    const timer = setTimeout(() => finish(false, 'timeout'), options.timeoutMs);
    socket.once('connect', () => finish(true, 'ok'));
    socket.once('error', (error: NodeJS.ErrnoException) => finish(false, (error.code ?? error.message).toLowerCase()));
  });
}
