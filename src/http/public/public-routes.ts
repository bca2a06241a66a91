import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { V2_ENDPOINTS } from './snapshot/public-path.js';
import { respondFromSnapshot } from './snapshot/snapshot-responder.js';
import type { SnapshotRegistry } from './snapshot/snapshot-registry.js';

interface PublicEndpoint {
  path: string;
  summary: string;
  crossOrigin: boolean;
}

const V2_SUMMARIES: Record<(typeof V2_ENDPOINTS)[number], string> = {
  'summary.json': 'Page summary: status, components, unresolved incidents, maintenances',
  'status.json': 'Page status roll-up',
  'components.json': 'Components and component groups',
  'incidents.json': 'The 50 most recent incidents',
  'incidents/unresolved.json': 'Unresolved incidents',
  'scheduled-maintenances.json': 'The 50 most recent scheduled maintenances',
  'scheduled-maintenances/upcoming.json': 'Upcoming scheduled maintenances',
  'scheduled-maintenances/active.json': 'In-progress scheduled maintenances',
};

/** Every public path, relative to a page's root. */
const ENDPOINTS: readonly PublicEndpoint[] = [
  { path: '/', summary: 'The status page (HTML)', crossOrigin: false },
  { path: '/history', summary: 'Incident history, three months per page (HTML)', crossOrigin: false },
  { path: '/history/page/:n', summary: 'An older page of the incident history (HTML)', crossOrigin: false },
  { path: '/incidents/:id', summary: 'One incident with its full timeline (HTML)', crossOrigin: false },
  { path: '/history.rss', summary: 'Incident history as RSS 2.0', crossOrigin: true },
  { path: '/history.atom', summary: 'Incident history as Atom', crossOrigin: true },
  { path: '/badge.svg', summary: 'Status badge (SVG)', crossOrigin: true },
  { path: '/embed/script.js', summary: 'Embeddable status widget script', crossOrigin: true },
  {
    path: '/maintenance.ics',
    summary: 'Scheduled maintenance as an iCalendar feed (RRULEs with time zones)',
    crossOrigin: true,
  },
  ...V2_ENDPOINTS.map((endpoint) => ({
    path: `/api/v2/${endpoint}`,
    summary: V2_SUMMARIES[endpoint],
    crossOrigin: true,
  })),
];

/**
 * Register the public routes: each page at the root (default page, or the page whose custom domain
 * is the Host) and under /p/{slug}. Every answer comes from the page's in-memory snapshot; these
 * handlers exist for in-process requests and the OpenAPI document, while real connections take the
 * same path before routing (see `createHttpServer`).
 */
export function registerPublicRoutes(http: FastifyInstance, snapshots: SnapshotRegistry): void {
  const handler = (request: FastifyRequest, reply: FastifyReply) => {
    reply.hijack();
    if (respondFromSnapshot(snapshots, request.raw, reply.raw)) return;
    const slug = (request.params as { slug?: string }).slug;
    const ready = snapshots.snapshots().length > 0;
    const body = ready
      ? {
          error: {
            code: 'PAGE_NOT_FOUND',
            message: slug ? `No status page has the slug "${slug}".` : 'No status page is served here.',
          },
        }
      : { error: { code: 'UNAVAILABLE', message: 'The status page is starting; retry in a few seconds.' } };
    reply.raw.writeHead(ready ? 404 : 503, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'access-control-allow-origin': '*',
    });
    reply.raw.end(JSON.stringify(body));
  };
  for (const prefix of ['', '/p/:slug']) {
    for (const endpoint of ENDPOINTS) {
      const url = endpoint.path === '/' && prefix ? prefix : `${prefix}${endpoint.path}`;
      http.get(url, { schema: { tags: ['public'], summary: endpoint.summary } }, handler);
      if (endpoint.crossOrigin) http.options(url, { schema: { hide: true } }, handler);
    }
  }
  http.get('/p/:slug/', { schema: { hide: true } }, handler);
  http.get('/assets/:name', { schema: { hide: true } }, handler);
}
