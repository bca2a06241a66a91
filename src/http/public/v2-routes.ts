import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PageView } from '../../app/public/load-page-view.js';
import {
  presentActiveMaintenances,
  presentComponents,
  presentIncidents,
  presentScheduledMaintenances,
  presentStatus,
  presentSummary,
  presentUnresolved,
  presentUpcomingMaintenances,
  type V2Options,
} from './v2-presenters.js';

/** What the public v2 routes need: a page's view and public URL by slug (null = the default page). */
export interface V2RouteDeps {
  loadView(slug: string | null): Promise<{ view: PageView; pageUrl: string } | null>;
}

interface V2Endpoint {
  path: string;
  summary: string;
  present: (view: PageView, opts: V2Options) => unknown;
}

/** The Statuspage-compatible endpoints, relative to `/api/v2` (see hosted-anchors §2.1). */
const ENDPOINTS: readonly V2Endpoint[] = [
  {
    path: 'summary.json',
    summary: 'Page summary: status, components, unresolved incidents, maintenances',
    present: presentSummary,
  },
  { path: 'status.json', summary: 'Page status roll-up', present: presentStatus },
  { path: 'components.json', summary: 'Components and component groups', present: presentComponents },
  { path: 'incidents.json', summary: 'The 50 most recent incidents', present: presentIncidents },
  { path: 'incidents/unresolved.json', summary: 'Unresolved incidents', present: presentUnresolved },
  {
    path: 'scheduled-maintenances.json',
    summary: 'The 50 most recent scheduled maintenances',
    present: presentScheduledMaintenances,
  },
  {
    path: 'scheduled-maintenances/upcoming.json',
    summary: 'Upcoming scheduled maintenances',
    present: presentUpcomingMaintenances,
  },
  {
    path: 'scheduled-maintenances/active.json',
    summary: 'In-progress scheduled maintenances',
    present: presentActiveMaintenances,
  },
];

const JSON_TYPE = 'application/json; charset=utf-8';
const CACHE_CONTROL = 'public, max-age=10';
const ALLOW_METHODS = 'GET, HEAD, OPTIONS';

function setCors(reply: FastifyReply): void {
  reply.header('access-control-allow-origin', '*');
}

/**
 * Register the unauthenticated, Statuspage-compatible JSON endpoints under `/api/v2` (default page)
 * and `/p/:slug/api/v2`. Bodies are sent pre-serialized (no response schema); HEAD comes from
 * Fastify's automatic HEAD routes; OPTIONS answers CORS preflights.
 */
export function registerV2Routes(app: FastifyInstance, deps: V2RouteDeps): void {
  const prefixes: ReadonlyArray<{ prefix: string; slugOf: (request: FastifyRequest) => string | null }> = [
    { prefix: '/api/v2', slugOf: () => null },
    { prefix: '/p/:slug/api/v2', slugOf: (request) => (request.params as { slug: string }).slug },
  ];

  for (const { prefix, slugOf } of prefixes) {
    for (const endpoint of ENDPOINTS) {
      const url = `${prefix}/${endpoint.path}`;

      app.get(url, { schema: { tags: ['public'], summary: endpoint.summary } }, async (request, reply) => {
        // Headers set before any await survive the error handler, so errors stay readable cross-origin.
        setCors(reply);
        const slug = slugOf(request);
        const loaded = await deps.loadView(slug);
        if (!loaded) {
          const message =
            slug === null ? 'No default status page exists.' : `No status page has the slug ${JSON.stringify(slug)}.`;
          return reply
            .code(404)
            .header('cache-control', 'no-store')
            .type(JSON_TYPE)
            .send(JSON.stringify({ error: { code: 'PAGE_NOT_FOUND', message } }));
        }
        const body = endpoint.present(loaded.view, { pageUrl: loaded.pageUrl });
        return reply.code(200).header('cache-control', CACHE_CONTROL).type(JSON_TYPE).send(JSON.stringify(body));
      });

      app.options(url, { schema: { hide: true } }, async (request, reply) => {
        setCors(reply);
        reply.header('access-control-allow-methods', ALLOW_METHODS);
        const requested = request.headers['access-control-request-headers'];
        if (typeof requested === 'string' && requested.length > 0) {
          reply.header('access-control-allow-headers', requested);
        }
        reply.header('access-control-max-age', '86400');
        return reply.code(204).send();
      });
    }
  }
}
