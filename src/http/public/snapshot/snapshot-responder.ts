import type { IncomingMessage, ServerResponse } from 'node:http';
import { negotiateLanguage } from '../i18n/negotiate-language.js';
import { parsePublicPath, type PublicRoute } from './public-path.js';
import { chooseEncoding, type SnapshotFile } from './snapshot-file.js';
import type { SnapshotRegistry } from './snapshot-registry.js';

// Readable from any origin, as Statuspage's are: the JSON, feeds, badge, calendar and embed script.
const CROSS_ORIGIN_KINDS = new Set<PublicRoute['kind']>(['json', 'rss', 'atom', 'badge', 'calendar', 'embed']);

const HTML_SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; img-src * data:; base-uri 'none'; form-action 'self'",
  'referrer-policy': 'strict-origin-when-cross-origin',
};

/** True when a path could be a public page path (cheap pre-check before the registry lookup). */
function isPublicCandidate(path: string): boolean {
  return !path.startsWith('/api/v1') && path !== '/healthz' && !path.startsWith('/subscribe');
}

/**
 * Answer a public request from the in-memory snapshot: content negotiation (language, encoding),
 * conditional GET, CORS, HEAD. Returns false when the request is not for the public page, so the
 * caller hands it to the API router. Never touches the database.
 */
export function respondFromSnapshot(registry: SnapshotRegistry, req: IncomingMessage, res: ServerResponse): boolean {
  const method = req.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS') return false;
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  if (!isPublicCandidate(path)) return false;
  const resolved = registry.resolve(req.headers.host, path);
  if (!resolved) return false;
  const query = new URLSearchParams(q === -1 ? '' : url.slice(q + 1));
  const route = parsePublicPath(resolved.path, query);
  if (!route) return false;

  const crossOrigin = CROSS_ORIGIN_KINDS.has(route.kind);
  if (method === 'OPTIONS') {
    if (!crossOrigin) return false;
    res.writeHead(204, {
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'GET, HEAD, OPTIONS',
      'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '',
      'access-control-max-age': '86400',
    });
    res.end();
    return true;
  }

  const { snapshot } = resolved;
  const isHtml = route.kind === 'index' || route.kind === 'history' || route.kind === 'incident';
  const lang = isHtml
    ? negotiateLanguage(query.get('lang'), req.headers['accept-language'], snapshot.data.view.page.defaultLang)
    : { lang: 'en', explicit: false };
  let status = 200;
  let file: SnapshotFile | null = snapshot.file(route, lang, resolved.basePath);
  if (!file) {
    if (!isHtml) return false;
    status = 404;
    file = snapshot.notFound(lang, resolved.basePath);
  }

  const headers: Record<string, string> = {
    'content-type': file.contentType,
    'cache-control': file.cacheControl,
    etag: file.etag,
    vary: file.variesByLanguage ? 'Accept-Encoding, Accept-Language' : 'Accept-Encoding',
    'x-content-type-options': 'nosniff',
  };
  if (isHtml) Object.assign(headers, HTML_SECURITY_HEADERS);
  if (crossOrigin) headers['access-control-allow-origin'] = '*';
  if (snapshot.isStale) headers['x-pharos-snapshot-from'] = snapshot.builtAt;

  if (status === 200 && etagMatches(req.headers['if-none-match'], file.etag)) {
    res.writeHead(304, headers);
    res.end();
    return true;
  }
  const encoding = file.compressible ? chooseEncoding(req.headers['accept-encoding']) : 'identity';
  const body = file.encoded(encoding);
  if (encoding !== 'identity') headers['content-encoding'] = encoding;
  headers['content-length'] = String(body.length);
  res.writeHead(status, headers);
  res.end(method === 'HEAD' ? undefined : body);
  return true;
}

/** Weak comparison (RFC 9110 §13.1.2): W/ prefixes are ignored; `*` matches. */
function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === bare;
  });
}
