/** What a public path asks for, relative to a page's root. */
export type PublicRoute =
  | { kind: 'index' }
  | { kind: 'history'; page: number }
  | { kind: 'incident'; id: string }
  | { kind: 'json'; endpoint: string }
  | { kind: 'rss' }
  | { kind: 'atom' }
  | { kind: 'badge' }
  | { kind: 'calendar' }
  | { kind: 'embed' }
  | { kind: 'asset'; name: string };

/** The Statuspage-compatible JSON endpoints, relative to /api/v2. */
export const V2_ENDPOINTS = [
  'summary.json',
  'status.json',
  'components.json',
  'incidents.json',
  'incidents/unresolved.json',
  'scheduled-maintenances.json',
  'scheduled-maintenances/upcoming.json',
  'scheduled-maintenances/active.json',
] as const;

const ENDPOINT_SET = new Set<string>(V2_ENDPOINTS);

/** Shared static assets (the same for every page). */
export const ASSET_NAMES = ['local-time.js'] as const;

/**
 * Parse a path relative to a page's root ('/history', '/api/v2/summary.json' …) into a route, or
 * null when the public page has nothing there. `?page=N` on /history is Statuspage's paging.
 */
export function parsePublicPath(path: string, query: URLSearchParams): PublicRoute | null {
  if (path === '/' || path === '' || path === '/index.html') return { kind: 'index' };
  if (path === '/history' || path === '/history/' || path === '/history/index.html') {
    return { kind: 'history', page: pageNumber(query.get('page')) };
  }
  const paged = /^\/history\/page\/(\d{1,4})\/?(?:index\.html)?$/.exec(path);
  if (paged) return { kind: 'history', page: pageNumber(paged[1]!) };
  const incident = /^\/incidents\/([a-z0-9]{1,40})\/?(?:index\.html)?$/.exec(path);
  if (incident) return { kind: 'incident', id: incident[1]! };
  if (path.startsWith('/api/v2/')) {
    const endpoint = path.slice('/api/v2/'.length);
    return ENDPOINT_SET.has(endpoint) ? { kind: 'json', endpoint } : null;
  }
  switch (path) {
    case '/history.rss':
      return { kind: 'rss' };
    case '/history.atom':
      return { kind: 'atom' };
    case '/badge.svg':
      return { kind: 'badge' };
    case '/maintenance.ics':
      return { kind: 'calendar' };
    case '/embed/script.js':
      return { kind: 'embed' };
  }
  const asset = /^\/assets\/([a-z0-9.-]+)$/.exec(path);
  if (asset && (ASSET_NAMES as readonly string[]).includes(asset[1]!)) return { kind: 'asset', name: asset[1]! };
  return null;
}

function pageNumber(raw: string | null): number {
  const n = raw === null ? 1 : Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= 1000 ? n : 1;
}
