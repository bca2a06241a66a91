import { Type } from 'typebox';
import { resolvePage } from '../../app/pages/resolve-page.js';
import { createSubscriber, type CreateSubscriberInput } from '../../app/subscribers/create-subscriber.js';
import { deleteSubscriber } from '../../app/subscribers/delete-subscriber.js';
import { importSubscribers } from '../../app/subscribers/import-subscribers.js';
import { resendDelivery } from '../../app/subscribers/resend-delivery.js';
import { resumeSubscriber } from '../../app/subscribers/resume-subscriber.js';
import { invalid, notFound } from '../../core/errors.js';
import {
  SUBSCRIBER_AUDIENCES,
  SUBSCRIBER_TYPES,
  type SubscriberAudience,
  type SubscriberType,
} from '../../core/notification.js';
import { requireRole } from '../../core/permissions.js';
import { findDelivery, listAttempts, listDeliveries, type Delivery } from '../../store/deliveries-store.js';
import { findSubscriber, listSubscribers, type StoredSubscriber } from '../../store/subscribers-store.js';
import { formatCsv, parseCsv } from './csv-format.js';
import { actorOf, ERROR_RESPONSES, type AdminDeps, type TypedApp } from './route-context.js';
import { IdParams, listOf, PageQuery } from './schemas.js';
import {
  AttemptSchema,
  CreateSubscriberBody,
  DeliveryIdParams,
  DeliveryQuery,
  DeliverySchema,
  SubscriberQuery,
  SubscriberSchema,
} from './subscriber-schemas.js';

const tags = ['subscribers'];
const CSV_COLUMNS = [
  'id',
  'type',
  'email',
  'url',
  'component_ids',
  'language',
  'confirmed_at',
  'quarantined_at',
  'created_at',
  'audience',
];

/** The admin view of a subscriber: every field named, the secret never. */
export function presentSubscriber(s: StoredSubscriber) {
  return {
    id: s.id,
    page_id: s.pageId,
    type: s.type,
    audience: s.audience,
    email: s.type === 'email' ? s.address : null,
    url: s.type === 'email' ? null : s.address,
    contact_email: s.contactEmail,
    language: s.language,
    component_ids: s.componentIds,
    has_secret: s.hasSecret,
    confirmed_at: s.confirmedAt,
    quarantined_at: s.quarantinedAt,
    created_at: s.createdAt,
    updated_at: s.updatedAt,
  };
}

function presentDelivery(d: Delivery) {
  return {
    id: d.id,
    event_id: d.eventId,
    subscriber_id: d.subscriberId,
    channel: d.channel,
    status: d.status,
    attempts: d.attempts,
    next_attempt_at: d.nextAttemptAt,
    last_error: d.lastError,
    delivered_at: d.deliveredAt,
    created_at: d.createdAt,
    updated_at: d.updatedAt,
  };
}

/** One CSV import row to a create input; columns as in the export (id and dates ignored). */
function rowToInput(header: string[], cells: string[], rowNumber: number): Omit<CreateSubscriberInput, 'pageId'> {
  const get = (name: string) => {
    const i = header.indexOf(name);
    return i >= 0 ? (cells[i] ?? '').trim() : '';
  };
  const type = (get('type') || 'email') as SubscriberType;
  if (!(SUBSCRIBER_TYPES as readonly string[]).includes(type)) {
    throw invalid('INVALID_CSV', `Row ${rowNumber}: type must be one of ${SUBSCRIBER_TYPES.join(', ')}.`, {
      row: rowNumber,
    });
  }
  const confirmed = get('confirmed').toLowerCase();
  const audience = get('audience') || undefined;
  if (audience !== undefined && !(SUBSCRIBER_AUDIENCES as readonly string[]).includes(audience)) {
    throw invalid('INVALID_CSV', `Row ${rowNumber}: audience must be one of ${SUBSCRIBER_AUDIENCES.join(', ')}.`, {
      row: rowNumber,
    });
  }
  return {
    type,
    audience: audience as SubscriberAudience | undefined,
    email: get('email') || undefined,
    url: get('url') || undefined,
    componentIds: get('component_ids')
      .split(/[\s;]+/)
      .filter(Boolean),
    language: get('language') || undefined,
    // An export carries confirmed_at; an import file may say confirmed=true.
    confirmed: confirmed === 'true' || confirmed === '1' || confirmed === 'yes' || get('confirmed_at') !== '',
  };
}

/** /api/v1/subscribers and /api/v1/deliveries: who hears about changes, and what was sent to them. */
export function registerSubscriberRoutes(http: TypedApp, { app }: AdminDeps): void {
  http.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  http.get(
    '/subscribers',
    {
      schema: {
        tags,
        summary: 'List subscribers of a page (admin), filtered by type, state, component or address',
        querystring: SubscriberQuery,
        response: {
          200: Type.Object({
            data: Type.Array(SubscriberSchema),
            next_after: Type.Union([Type.String(), Type.Null()]),
          }),
          ...ERROR_RESPONSES,
        },
      },
    },
    async (request) => {
      requireRole(actorOf(request), 'admin');
      const q = request.query;
      const page = await resolvePage(app.db, q.page_id);
      const limit = q.limit ?? 100;
      const rows = await listSubscribers(app.db, {
        pageId: page.id,
        type: q.type,
        audience: q.audience,
        state: q.state,
        componentId: q.component_id,
        search: q.search,
        limit,
        afterId: q.after,
      });
      return {
        data: rows.map(presentSubscriber),
        next_after: rows.length === limit ? rows[rows.length - 1]!.id : null,
      };
    },
  );

  http.post(
    '/subscribers',
    {
      schema: {
        tags,
        summary: 'Add a subscriber (admin): e-mail (double opt-in unless confirmed), webhook, Slack, Discord or Teams',
        body: CreateSubscriberBody,
        response: { 201: SubscriberSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const created = await createSubscriber(app, actorOf(request), {
        pageId: b.page_id,
        type: b.type,
        audience: b.audience,
        email: b.email,
        url: b.url,
        componentIds: b.component_ids,
        secret: b.secret,
        contactEmail: b.contact_email,
        language: b.language,
        confirmed: b.confirmed,
      });
      return reply.code(201).send(presentSubscriber(created));
    },
  );

  http.get(
    '/subscribers/export',
    {
      schema: {
        tags,
        summary: 'Export the live subscribers of a page as CSV (admin); secrets are not exported',
        querystring: PageQuery,
        produces: ['text/csv'],
        response: { 200: Type.String({ description: 'text/csv' }), ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      requireRole(actorOf(request), 'admin');
      const page = await resolvePage(app.db, request.query.page_id);
      const rows: Array<Array<string | null>> = [CSV_COLUMNS];
      for (let after: string | null = null; ;) {
        const batch = await listSubscribers(app.db, { pageId: page.id, limit: 1000, afterId: after });
        for (const s of batch) {
          const p = presentSubscriber(s);
          rows.push([
            p.id,
            p.type,
            p.email,
            p.url,
            p.component_ids.join(' '),
            p.language,
            p.confirmed_at,
            p.quarantined_at,
            p.created_at,
            p.audience,
          ]);
        }
        if (batch.length < 1000) break;
        after = batch[batch.length - 1]!.id;
      }
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="subscribers-${page.slug}.csv"`)
        .send(formatCsv(rows));
    },
  );

  http.post(
    '/subscribers/import',
    {
      schema: {
        tags,
        summary: 'Import subscribers from CSV (admin), all or nothing; addresses already subscribed are skipped',
        description:
          'Send text/csv with a header row. Columns: type (default email), email, url, component_ids (space-separated), language, confirmed (true to skip double opt-in) — the export format is accepted as is.',
        querystring: PageQuery,
        consumes: ['text/csv'],
        body: Type.String({ maxLength: 10_000_000 }),
        response: { 200: Type.Object({ created: Type.Integer(), skipped: Type.Integer() }), ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const [header, ...rows] = parseCsv(request.body);
      if (!header || (!header.includes('email') && !header.includes('url'))) {
        throw invalid('INVALID_CSV', 'The first row must name the columns, including email or url.');
      }
      const names = header.map((h) => h.trim().toLowerCase());
      return importSubscribers(
        app,
        actorOf(request),
        request.query.page_id ?? null,
        rows.map((cells, i) => rowToInput(names, cells, i + 1)),
      );
    },
  );

  http.get(
    '/subscribers/:id',
    {
      schema: {
        tags,
        summary: 'Get a subscriber (admin)',
        params: IdParams,
        response: { 200: SubscriberSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      requireRole(actorOf(request), 'admin');
      const s = await findSubscriber(app.db, request.params.id);
      if (!s || s.deletedAt) throw notFound('SUBSCRIBER_NOT_FOUND', `No subscriber has the id "${request.params.id}".`);
      return presentSubscriber(s);
    },
  );

  http.delete(
    '/subscribers/:id',
    {
      schema: {
        tags,
        summary: 'Remove a subscriber (admin)',
        params: IdParams,
        response: { 204: Type.Null(), ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      await deleteSubscriber(app, actorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  http.post(
    '/subscribers/:id/resume',
    {
      schema: {
        tags,
        summary: 'Take a parked (quarantined) endpoint out of quarantine (admin)',
        params: IdParams,
        response: { 200: SubscriberSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => presentSubscriber(await resumeSubscriber(app, actorOf(request), request.params.id)),
  );

  http.get(
    '/deliveries',
    {
      schema: {
        tags,
        summary: 'List deliveries of a page, newest first (admin); status=failed or parked for failures',
        querystring: DeliveryQuery,
        response: { 200: listOf(DeliverySchema), ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      requireRole(actorOf(request), 'admin');
      const q = request.query;
      const page = await resolvePage(app.db, q.page_id);
      const rows = await listDeliveries(app.db, {
        pageId: page.id,
        status: q.status,
        subscriberId: q.subscriber_id,
        eventId: q.event_id,
        limit: q.limit ?? 100,
        beforeId: q.before,
      });
      return { data: rows.map(presentDelivery) };
    },
  );

  http.get(
    '/deliveries/:id',
    {
      schema: {
        tags,
        summary: 'Get a delivery with every attempt (admin)',
        params: DeliveryIdParams,
        response: {
          200: Type.Object({ ...DeliverySchema.properties, attempt_log: Type.Array(AttemptSchema) }),
          ...ERROR_RESPONSES,
        },
      },
    },
    async (request) => {
      requireRole(actorOf(request), 'admin');
      const d = await findDelivery(app.db, request.params.id);
      if (!d) throw notFound('DELIVERY_NOT_FOUND', `No delivery has the id ${request.params.id}.`);
      const attempts = await listAttempts(app.db, d.id);
      return {
        ...presentDelivery(d),
        attempt_log: attempts.map((a) => ({
          attempt: a.attempt,
          started_at: a.startedAt,
          duration_ms: a.durationMs,
          ok: a.ok,
          status_code: a.statusCode,
          error: a.error,
        })),
      };
    },
  );

  http.post(
    '/deliveries/:id/resend',
    {
      schema: {
        tags,
        summary: 'Send a delivery again now (admin)',
        params: DeliveryIdParams,
        response: { 202: Type.Object({ queued: Type.Boolean() }), ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      await resendDelivery(app, actorOf(request), request.params.id);
      return reply.code(202).send({ queued: true });
    },
  );
}
