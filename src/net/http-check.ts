import http from 'node:http';
import https from 'node:https';
import type { CheckResult } from '../core/model.js';
import { resolveTarget } from './address-guard.js';
import { startCheck } from './check-result.js';

/** Options for one HTTP check. */
export interface HttpCheckOptions {
  timeoutMs: number;
  /** Clock, for the result's timestamp. */
  now: () => Date;
  /** Bytes of body read at most; the rest is discarded. */
  maxBodyBytes?: number;
}

const USER_AGENT = 'Pharos-Check/0.1';

/**
 * GET a URL on a fresh connection and report whether it answered 2xx in time. Redirects are not
 * followed (a 3xx is reported as such), so a check means exactly the URL it names. Expected failures
 * (timeouts, refused connections, 5xx) are results, never exceptions.
 */
export async function checkHttp(url: string, options: HttpCheckOptions): Promise<CheckResult> {
  const result = startCheck(options.now);
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return result(false, 'invalid url');
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') return result(false, 'unsupported protocol');
  const resolved = await resolveTarget(target.hostname);
  if ('refused' in resolved) return result(false, resolved.refused);
  const client = target.protocol === 'https:' ? https : http;
  const address = resolved;
  return new Promise<CheckResult>((resolve) => {
    const request = client.request(
      target,
      {
        method: 'GET',
        agent: false,
        timeout: options.timeoutMs,
        headers: { 'user-agent': USER_AGENT, accept: '*/*' },
        // Connect to the address we checked, not to a second lookup's answer (DNS rebinding).
        lookup: (_host: string, _options: object, callback: (error: null, address: string, family: number) => void) =>
          callback(null, address.address, address.family),
      },
      (response) => {
        let read = 0;
        response.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > (options.maxBodyBytes ?? 64 * 1024)) response.destroy();
        });
        const status = response.statusCode ?? 0;
        const finish = () =>
          resolve(result(status >= 200 && status < 300, status >= 200 && status < 300 ? 'ok' : `status ${status}`));
        response.on('end', finish);
        response.on('close', finish);
      },
    );
    const timer = setTimeout(() => request.destroy(new Error('timeout')), options.timeoutMs);
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(result(false, error.message === 'timeout' ? 'timeout' : (error.code ?? error.message).toLowerCase()));
    });
    request.on('close', () => clearTimeout(timer));
    request.end();
  });
}
