import http from 'node:http';
import https from 'node:https';
import type { CheckResult } from '../core/model.js';
import { resolveTarget } from './address-guard.js';
import { startCheck } from './check-result.js';

/** What an HTTP monitor sends and expects. */
export interface HttpMonitorSpec {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | null;
  /** Accepted status codes; empty = any 2xx. */
  expectedStatusCodes: readonly number[];
  keyword: string | null;
  keywordAbsent: boolean;
  jsonPath: string | null;
  jsonExpected: string | null;
  followRedirects: boolean;
  verifyTls: boolean;
  timeoutMs: number;
  now: () => Date;
}

const USER_AGENT = 'Pharos-Monitor/0.1';
const MAX_BODY_BYTES = 256 * 1024;
const MAX_REDIRECTS = 5;

interface Answer {
  status: number;
  location: string | null;
  body: string;
}

/**
 * Run an HTTP monitor's request on fresh connections and judge the answer: status, keyword present
 * or absent, a JSON value at a dotted path. Every hop (redirects, at most 5) is vetted by the address
 * guard. The whole check, redirects included, shares one timeout. Failures are results.
 */
export async function checkHttpMonitor(spec: HttpMonitorSpec): Promise<CheckResult> {
  const done = startCheck(spec.now);
  const deadline = Date.now() + spec.timeoutMs;
  let url: URL;
  try {
    url = new URL(spec.url);
  } catch {
    return done(false, 'invalid url');
  }
  for (let hop = 0; ; hop++) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return done(false, 'unsupported protocol');
    const answer = await requestOnce(url, spec, deadline - Date.now());
    if (typeof answer === 'string') return done(false, answer);
    if (spec.followRedirects && answer.status >= 300 && answer.status < 400 && answer.location) {
      if (hop >= MAX_REDIRECTS) return done(false, 'too many redirects');
      url = new URL(answer.location, url);
      continue;
    }
    const verdict = judge(answer, spec);
    return done(verdict === null, verdict ?? 'ok');
  }
}

function judge(answer: Answer, spec: HttpMonitorSpec): string | null {
  const statusOk =
    spec.expectedStatusCodes.length > 0
      ? spec.expectedStatusCodes.includes(answer.status)
      : answer.status >= 200 && answer.status < 300;
  if (!statusOk) return `status ${answer.status}`;
  if (spec.keyword !== null) {
    const found = answer.body.includes(spec.keyword);
    if (found && spec.keywordAbsent) return `keyword "${spec.keyword}" present`;
    if (!found && !spec.keywordAbsent) return `keyword "${spec.keyword}" missing`;
  }
  if (spec.jsonPath !== null) {
    let value: unknown;
    try {
      value = valueAtPath(JSON.parse(answer.body), spec.jsonPath);
    } catch {
      return 'body is not JSON';
    }
    const text = value === undefined ? 'nothing' : typeof value === 'string' ? value : JSON.stringify(value);
    if (text !== spec.jsonExpected) return `${spec.jsonPath} is ${text}, expected ${spec.jsonExpected}`;
  }
  return null;
}

/** The value at a dotted path (`data.items.0.status`); undefined when the path does not exist. */
export function valueAtPath(root: unknown, path: string): unknown {
  let value = root;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

async function requestOnce(url: URL, spec: HttpMonitorSpec, timeoutMs: number): Promise<Answer | string> {
  if (timeoutMs <= 0) return 'timeout';
  const resolved = await resolveTarget(url.hostname);
  if ('refused' in resolved) return resolved.refused;
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((settle) => {
    let settled = false;
    let timedOut = false;
    const resolve = (answer: Answer | string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      settle(answer);
    };
    const request = client.request(
      url,
      {
        method: spec.method,
        agent: false,
        rejectUnauthorized: spec.verifyTls,
        headers: { 'user-agent': USER_AGENT, accept: '*/*', ...spec.headers },
        // Connect to the address we vetted, not to a second lookup's answer (DNS rebinding).
        lookup: (_host: string, _options: object, callback: (error: null, address: string, family: number) => void) =>
          callback(null, resolved.address, resolved.family),
      },
      (response) => {
        const chunks: Buffer[] = [];
        let read = 0;
        response.on('data', (chunk: Buffer) => {
          if (read < MAX_BODY_BYTES) chunks.push(chunk);
          read += chunk.length;
        });
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            location: typeof response.headers.location === 'string' ? response.headers.location : null,
            body: Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES).toString('utf8'),
          }),
        );
        response.on('error', () => undefined);
      },
    );
    const timer = setTimeout(() => {
      timedOut = true;
      request.destroy(new Error('timeout'));
    }, timeoutMs);
    request.on('error', (error: NodeJS.ErrnoException) =>
      resolve(timedOut ? 'timeout' : (error.code ?? error.message).toLowerCase()),
    );
    // A connection cut mid-answer may end without an error event.
    request.on('close', () => resolve(timedOut ? 'timeout' : 'connection closed'));
    if (spec.body !== null) request.write(spec.body);
    request.end();
  });
}
