import { createPage } from '../../app/pages/create-page.js';
import { resolvePage } from '../../app/pages/resolve-page.js';
import { updatePage } from '../../app/pages/update-page.js';
import { listPages } from '../../store/pages-store.js';
import { presentPage } from './presenters.js';
import { actorOf, ERROR_RESPONSES, type AdminDeps, type TypedApp } from './route-context.js';
import { CreatePageBody, IdParams, listOf, PageSchema, UpdatePageBody } from './schemas.js';

const tags = ['pages'];

/** /api/v1/pages */
export function registerPageRoutes(http: TypedApp, { app }: AdminDeps): void {
  http.get(
    '/pages',
    {
      schema: {
        tags,
        summary: 'List status pages (the first is the default page)',
        response: { 200: listOf(PageSchema), ...ERROR_RESPONSES },
      },
    },
    async () => ({ data: (await listPages(app.db)).map(presentPage) }),
  );
  http.post(
    '/pages',
    {
      schema: {
        tags,
        summary: 'Create a status page (admin)',
        body: CreatePageBody,
        response: { 201: PageSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const page = await createPage(app, actorOf(request), {
        name: b.name,
        slug: b.slug,
        timeZone: b.time_zone,
        url: b.url,
        defaultLang: b.default_lang,
        logoUrl: b.logo_url,
        accentColor: b.accent_color,
        footerLinks: b.footer_links,
        customDomain: b.custom_domain,
      });
      return reply.code(201).send(presentPage(page));
    },
  );
  http.get(
    '/pages/:id',
    {
      schema: {
        tags,
        summary: 'Get a status page',
        params: IdParams,
        response: { 200: PageSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => presentPage(await resolvePage(app.db, request.params.id)),
  );
  http.patch(
    '/pages/:id',
    {
      schema: {
        tags,
        summary: 'Change a status page (admin)',
        params: IdParams,
        body: UpdatePageBody,
        response: { 200: PageSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const b = request.body;
      const page = await updatePage(app, actorOf(request), request.params.id, {
        name: b.name,
        slug: b.slug,
        timeZone: b.time_zone,
        url: b.url,
        defaultLang: b.default_lang,
        logoUrl: b.logo_url,
        accentColor: b.accent_color,
        footerLinks: b.footer_links,
        customDomain: b.custom_domain,
      });
      return presentPage(page);
    },
  );
}
