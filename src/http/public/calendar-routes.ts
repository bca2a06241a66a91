import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/context.js';
import { loadMaintenanceCalendar } from '../../app/public/load-maintenance-calendar.js';
import { findDefaultPage, findPageBySlug } from '../../store/pages-store.js';

/** GET /maintenance.ics and /p/{slug}/maintenance.ics: scheduled maintenance as a subscribable calendar. */
export function registerCalendarRoutes(http: FastifyInstance, deps: { app: AppContext; publicUrl: string }): void {
  const uidDomain = new URL(deps.publicUrl).host;
  const handler = async (slug: string | null, reply: import('fastify').FastifyReply) => {
    const page = slug === null ? await findDefaultPage(deps.app.db) : await findPageBySlug(deps.app.db, slug);
    if (!page) {
      return reply.code(404).send({
        error: {
          code: 'PAGE_NOT_FOUND',
          message: slug ? `No status page has the slug "${slug}".` : 'No default status page exists.',
        },
      });
    }
    const body = await loadMaintenanceCalendar(deps.app.db, page, uidDomain, deps.app.now());
    return reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('access-control-allow-origin', '*')
      .header('cache-control', 'public, max-age=60')
      .send(body);
  };
  const schema = { tags: ['public'], summary: 'Scheduled maintenance as an iCalendar feed (RRULEs with time zones)' };
  http.get('/maintenance.ics', { schema }, (_request, reply) => handler(null, reply));
  http.get<{ Params: { slug: string } }>('/p/:slug/maintenance.ics', { schema }, (request, reply) =>
    handler(request.params.slug, reply),
  );
}
