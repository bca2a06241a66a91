import { connect } from 'node:tls';
import type { CheckResult } from '../core/model.js';
import { resolveTarget } from './address-guard.js';
import { startCheck } from './check-result.js';

/** How to check a certificate. */
export interface TlsCheckOptions {
  /** Fail this many days before expiry. */
  warnDays: number;
  /** Verify the chain and host name (on by default); off for self-signed internal services. */
  verify?: boolean;
  /** SNI name, when it differs from the host. */
  servername?: string;
  timeoutMs: number;
  now: () => Date;
}

/**
 * Connect with TLS and read the server's certificate: fails when it is untrusted (unless
 * verification is off), expired, or expires within `warnDays`. The reason says how many days remain.
 */
export async function checkTls(host: string, port: number, options: TlsCheckOptions): Promise<CheckResult> {
  const done = startCheck(options.now);
  const target = await resolveTarget(host);
  if ('refused' in target) return done(false, target.refused);
  const address = target.address;
  return new Promise((resolve) => {
    const servername = options.servername ?? host;
    // We read the certificate even when it is not trusted, then judge trust ourselves.
    const socket = connect({ host: address, port, servername, rejectUnauthorized: false });
    const finish = (ok: boolean, reason: string) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(done(ok, reason));
    };
    const timer = setTimeout(() => finish(false, 'timeout'), options.timeoutMs);
    socket.once('error', (error: NodeJS.ErrnoException) => finish(false, (error.code ?? error.message).toLowerCase()));
    socket.once('secureConnect', () => {
      const certificate = socket.getPeerCertificate();
      if (!certificate?.valid_to) return finish(false, 'no certificate');
      if (options.verify !== false && !socket.authorized) {
        return finish(false, `untrusted certificate: ${String(socket.authorizationError ?? 'unknown').toLowerCase()}`);
      }
      const daysLeft = Math.floor((Date.parse(certificate.valid_to) - options.now().getTime()) / 86_400_000);
      if (daysLeft < 0) return finish(false, 'certificate expired');
      if (daysLeft < options.warnDays) return finish(false, `certificate expires in ${daysLeft} days`);
      finish(true, `ok, expires in ${daysLeft} days`);
    });
  });
}
