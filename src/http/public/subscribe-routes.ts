import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app/context.js';
import { loadComponentsWithStatus } from '../../app/components/load-component-statuses.js';
import { confirmSubscription } from '../../app/subscribers/confirm-subscription.js';
import { requestSubscription } from '../../app/subscribers/request-subscription.js';
import { unsubscribe } from '../../app/subscribers/unsubscribe.js';
import { loadOwnSubscription, updateOwnSubscription } from '../../app/subscribers/update-own-subscription.js';
import { DomainError } from '../../core/errors.js';
import { findDefaultPage, findPageById, findPageBySlug } from '../../store/pages-store.js';
import { RateLimiter } from './rate-limiter.js';
import { renderConfirmForm, renderManagePage, renderPage } from './subscription-pages.js';

type Body = Record<string, string | string[] | undefined>;

const SUBSCRIBED_TEXT =
  'Thanks. If this address can receive updates, a confirmation link is on its way; the link works for 48 hours.';

function field(body: Body, name: string): string | undefined {
  const v = body[name];
  return Array.isArray(v) ? v[0] : v;
}

function list(body: Body, name: string): string[] {
  const v = body[name];
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v])
    .flatMap((x) => x.split(','))
    .map((x) => x.trim())
    .filter(Boolean);
}

function wantsHtml(request: FastifyRequest): boolean {
  return !(request.headers['content-type'] ?? '').includes('json');
}

function tokenOf(request: FastifyRequest): string {
  const token = (request.query as Record<string, unknown>).token;
  return typeof token === 'string' ? token.slice(0, 200) : '';
}

/**
 * Public subscriptions: sign up (POST /subscribe and /p/{slug}/subscribe, form or JSON), confirm,
 * one-click unsubscribe (RFC 8058) and the manage page. The sign-up answer is the same whether
 * the address is new, pending or already subscribed, so it cannot be used to learn who subscribes.
 */
export function registerSubscribeRoutes(http: FastifyInstance, deps: { app: AppContext }): void {
  const { app } = deps;
  const perIp = new RateLimiter(10, 10 * 60_000);
  const perAddress = new RateLimiter(3, 60 * 60_000);

  http.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    const parsed: Body = {};
    for (const [k, v] of new URLSearchParams(body as string)) {
      const prev = parsed[k];
      parsed[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
    }
    done(null, parsed);
  });

  const subscribe = async (slug: string | null, request: FastifyRequest, reply: FastifyReply) => {
    const page = slug === null ? await findDefaultPage(app.db) : await findPageBySlug(app.db, slug);
    if (!page) {
      return reply.code(404).send({ error: { code: 'PAGE_NOT_FOUND', message: 'No such status page.' } });
    }
    if (!perIp.take(request.ip, Date.now())) {
      return reply
        .code(429)
        .header('retry-after', '600')
        .send({
          error: { code: 'RATE_LIMITED', message: 'Too many sign-ups from this address; try again in 10 minutes.' },
        });
    }
    const body = (request.body ?? {}) as Body;
    const email = field(body, 'email') ?? '';
    // Over the per-mailbox limit: answer as usual, send nothing.
    if (perAddress.take(email.trim().toLowerCase(), Date.now())) {
      await requestSubscription(app, {
        pageId: page.id,
        email,
        componentIds: list(body, 'component_ids'),
        language: field(body, 'language') ?? (request.headers['accept-language'] ?? '').slice(0, 2),
      });
    }
    if (wantsHtml(request)) {
      return reply
        .code(202)
        .type('text/html; charset=utf-8')
        .send(renderPage('Check your inbox', `<p>${SUBSCRIBED_TEXT}</p>`));
    }
    return reply.code(202).send({ message: SUBSCRIBED_TEXT });
  };
  const subscribeSchema = {
    tags: ['public'],
    summary: 'Subscribe an e-mail address to a page (double opt-in); the answer never says whether it was subscribed',
    description: 'Form (application/x-www-form-urlencoded) or JSON { email, component_ids?, language? }.',
  };
  http.post('/subscribe', { schema: subscribeSchema }, (request, reply) => subscribe(null, request, reply));
  http.post<{ Params: { slug: string } }>('/p/:slug/subscribe', { schema: subscribeSchema }, (request, reply) =>
    subscribe(request.params.slug, request, reply),
  );

  const html = (reply: FastifyReply, status: number, page: string) =>
    reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(page);
  const invalidLink = (reply: FastifyReply, error: unknown) => {
    if (error instanceof DomainError && error.code === 'SUBSCRIPTION_LINK_INVALID') {
      return html(reply, 410, renderPage('Link not valid', `<p>${error.message}</p>`));
    }
    throw error;
  };
  const tokenSchema = (summary: string) => ({ tags: ['public'], summary });

  http.get(
    '/subscribe/confirm',
    { schema: tokenSchema('Show the confirmation button of a subscription link') },
    (request, reply) =>
      html(
        reply,
        200,
        renderConfirmForm(
          'Confirm your subscription',
          'One more click and you will receive status updates.',
          request.url,
          'Confirm',
        ),
      ),
  );
  http.post(
    '/subscribe/confirm',
    { schema: tokenSchema('Confirm a subscription (double opt-in)') },
    async (request, reply) => {
      try {
        await confirmSubscription(app, tokenOf(request));
        return html(reply, 200, renderPage('Subscription confirmed', '<p>You will now receive status updates.</p>'));
      } catch (error) {
        return invalidLink(reply, error);
      }
    },
  );

  http.get('/unsubscribe', { schema: tokenSchema('Show the unsubscribe button') }, (request, reply) =>
    html(reply, 200, renderConfirmForm('Unsubscribe', 'Stop receiving status updates?', request.url, 'Unsubscribe')),
  );
  http.post(
    '/unsubscribe',
    { schema: tokenSchema('Unsubscribe (RFC 8058 one-click POST accepted)') },
    async (request, reply) => {
      try {
        await unsubscribe(app, tokenOf(request));
        return html(reply, 200, renderPage('Unsubscribed', '<p>You will not receive status updates any more.</p>'));
      } catch (error) {
        return invalidLink(reply, error);
      }
    },
  );

  const manage = async (request: FastifyRequest, reply: FastifyReply, saved: boolean) => {
    const token = tokenOf(request);
    const subscriber = await loadOwnSubscription(app, token);
    const page = await findPageById(app.db, subscriber.pageId);
    const components = await loadComponentsWithStatus(app.db, subscriber.pageId);
    const q = `?token=${encodeURIComponent(token)}`;
    return html(
      reply,
      200,
      renderManagePage({
        pageName: page?.name ?? 'this page',
        email: subscriber.address,
        components: components.map((c) => ({
          id: c.id,
          name: c.name,
          checked: subscriber.componentIds.includes(c.id),
        })),
        language: subscriber.language,
        action: `/subscription${q}`,
        unsubscribeAction: `/unsubscribe${q}`,
        saved,
      }),
    );
  };
  http.get('/subscription', { schema: tokenSchema('The manage-my-subscription page') }, (request, reply) =>
    manage(request, reply, false).catch((error: unknown) => invalidLink(reply, error)),
  );
  http.post('/subscription', { schema: tokenSchema('Save changes from the manage page') }, async (request, reply) => {
    try {
      const body = (request.body ?? {}) as Body;
      await updateOwnSubscription(app, tokenOf(request), {
        componentIds: list(body, 'component_ids'),
        language: field(body, 'language'),
      });
      return await manage(request, reply, true);
    } catch (error) {
      return invalidLink(reply, error);
    }
  });
}
