import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { resolveTarget } from './address-guard.js';

/** Options for one POST. */
export interface PostJsonOptions {
  timeoutMs: number;
  headers?: Record<string, string>;
  /**
   * Allow loopback and private targets. Off by default: subscriber URLs come from the public and
   * must not reach services inside our network (SSRF). Tests and self-hosted intranets turn it on.
   */
  allowPrivateTargets?: boolean;
  signal?: AbortSignal;
}

/** What came of a POST: never an exception for expected failures. */
export interface PostResult {
  ok: boolean;
  /** HTTP status, or null when no answer came. */
  status: number | null;
  /** Why it failed (`timeout`, `status 500`, `econnrefused`, `forbidden address`…), or `ok`. */
  reason: string;
  ms: number;
}

const USER_AGENT = 'Pharos-Notify/0.1';
// Keep-alive pools: a fan-out posts thousands of times to the same few hosts.
const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 256 });
const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 256 });

/** Whether an address is loopback or private (RFC 1918, ULA), which subscriber URLs may not reach by default. */
export function isPrivateAddress(address: string): boolean {
  const version = isIP(address);
  if (version === 4) {
    const [a, b] = address.split('.').map(Number) as [number, number];
    return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || a === 0;
  }
  if (version === 6) {
    const lower = address.toLowerCase();
    if (lower.startsWith('::ffff:')) return isPrivateAddress(lower.slice(7));
    return lower === '::1' || /^f[cd]/.test(lower);
  }
  return false;
}

/**
 * POST a JSON body (already serialised) and report whether it was answered 2xx in time. Redirects
 * are not followed (a 3xx is a failure, as Statuspage treats it). The host is resolved once and
 * vetted, and the connection goes to that address (no DNS rebinding).
 */
export async function postJson(url: string, body: string, options: PostJsonOptions): Promise<PostResult> {
  const started = performance.now();
  const result = (ok: boolean, status: number | null, reason: string): PostResult => ({
    ok,
    status,
    reason,
    ms: Math.round(performance.now() - started),
  });
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return result(false, null, 'invalid url');
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') return result(false, null, 'unsupported protocol');
  const resolved = await resolveTarget(target.hostname);
  if ('refused' in resolved) return result(false, null, resolved.refused);
  if (!options.allowPrivateTargets && isPrivateAddress(resolved.address)) {
    return result(false, null, 'forbidden address (private or loopback)');
  }
  const client = target.protocol === 'https:' ? https : http;
  return new Promise<PostResult>((resolve) => {
    let settled = false;
    const finish = (r: PostResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    const request = client.request(
      target,
      {
        method: 'POST',
        agent: target.protocol === 'https:' ? httpsAgent : httpAgent,
        signal: options.signal,
        headers: {
          'user-agent': USER_AGENT,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          ...options.headers,
        },
        lookup: (_host: string, _options: object, callback: (error: null, address: string, family: number) => void) =>
          callback(null, resolved.address, resolved.family),
      },
      (response) => {
        const status = response.statusCode ?? 0;
        let read = 0;
        response.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > 64 * 1024) response.destroy();
        });
        const done = () =>
          finish(
            result(status >= 200 && status < 300, status, status < 300 && status >= 200 ? 'ok' : `status ${status}`),
          );
        response.on('end', done);
        response.on('close', done);
      },
    );
    const timer = setTimeout(() => request.destroy(new Error('timeout')), options.timeoutMs);
    request.on('error', (error: NodeJS.ErrnoException) =>
      finish(
        result(false, null, error.message === 'timeout' ? 'timeout' : (error.code ?? error.message).toLowerCase()),
      ),
    );
    request.end(body);
  });
}
