import http from 'node:http';
import https from 'node:https';
import { resolveTarget } from './address-guard.js';

/** The outcome of one JSON request: an answer (any status) or why there was none. Never thrown. */
export type JsonOutcome = { ok: true; status: number; body: unknown } | { ok: false; reason: string };

const MAX_ANSWER_BYTES = 8 * 1024 * 1024;

/**
 * Send one request with an optional JSON body on a fresh connection through the address guard, with a
 * hard timeout, and parse the JSON answer. Any status is an answer; only a transport failure (refused,
 * timeout, cut off, not JSON) is `ok: false`.
 */
export async function requestJson(
  method: 'GET' | 'POST',
  url: string,
  options: { headers?: Record<string, string>; body?: unknown; timeoutMs: number; userAgent?: string },
): Promise<JsonOutcome> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return { ok: false, reason: 'invalid url' };
  }
  const resolved = await resolveTarget(target.hostname);
  if ('refused' in resolved) return { ok: false, reason: resolved.refused };
  const payload = options.body === undefined ? null : JSON.stringify(options.body);
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: JsonOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const request = client.request(
      target,
      {
        method,
        agent: false,
        headers: {
          accept: 'application/json',
          'user-agent': options.userAgent ?? 'Pharos/0.1',
          ...(payload === null
            ? {}
            : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) }),
          ...options.headers,
        },
        lookup: (_host: string, _options: object, callback: (error: null, address: string, family: number) => void) =>
          callback(null, resolved.address, resolved.family),
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_ANSWER_BYTES) return request.destroy(new Error('answer too large'));
          chunks.push(chunk);
        });
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            finish({ ok: true, status: response.statusCode ?? 0, body: text ? (JSON.parse(text) as unknown) : null });
          } catch {
            finish({ ok: true, status: response.statusCode ?? 0, body: text });
          }
        });
      },
    );
    const timer = setTimeout(() => request.destroy(new Error('timeout')), options.timeoutMs);
    request.on('error', (error: NodeJS.ErrnoException) =>
      finish({
        ok: false,
        reason: error.message === 'timeout' ? 'timeout' : (error.code ?? error.message).toLowerCase(),
      }),
    );
    request.on('close', () => finish({ ok: false, reason: 'connection closed' }));
    request.end(payload ?? undefined);
  });
}
