import { Type } from 'typebox';
import { addIncidentUpdate } from '../../app/incidents/add-incident-update.js';
import type { ComponentChangeInput } from '../../app/incidents/component-changes.js';
import { createIncident } from '../../app/incidents/create-incident.js';
import { deleteIncident } from '../../app/incidents/delete-incident.js';
import { editIncidentUpdate } from '../../app/incidents/edit-incident-update.js';
import { listIncidentDetails } from '../../app/incidents/list-incidents.js';
import { loadIncidentDetail } from '../../app/incidents/load-incident-detail.js';
import { updateIncident } from '../../app/incidents/update-incident.js';
import { resolvePage } from '../../app/pages/resolve-page.js';
import type { ComponentStatus } from '../../core/component-status.js';
import { invalid } from '../../core/errors.js';
import { normalizeTimestamp } from '../../core/timestamps.js';
import { presentIncident } from './presenters.js';
import { actorOf, ERROR_RESPONSES, type AdminDeps, type TypedApp } from './route-context.js';
import {
  CreateIncidentBody,
  CreateIncidentUpdateBody,
  EditIncidentUpdateBody,
  IdParams,
  IncidentListQuery,
  IncidentSchema,
  IncidentUpdateParams,
  UpdateIncidentBody,
} from './schemas.js';

const tags = ['incidents'];

type ChangeBody = {
  component_id: string;
  status: ComponentStatus;
  segment_id?: string | null;
  effective_at?: string | null;
};

function toChanges(list: ChangeBody[] | undefined): ComponentChangeInput[] | undefined {
  return list?.map((c) => ({
    componentId: c.component_id,
    status: c.status,
    segmentId: c.segment_id,
    effectiveAt: c.effective_at,
  }));
}

/** /api/v1/incidents */
export function registerIncidentRoutes(http: TypedApp, { app }: AdminDeps): void {
  http.get(
    '/incidents',
    {
      schema: {
        tags,
        summary: 'List incidents of a page, most recently started first',
        description: 'Page back by passing the next_cursor of a page as cursor; next_cursor is null on the last page.',
        querystring: IncidentListQuery,
        response: {
          200: Type.Object({
            data: Type.Array(IncidentSchema),
            has_more: Type.Boolean(),
            next_cursor: Type.Union([Type.String(), Type.Null()]),
          }),
          ...ERROR_RESPONSES,
        },
      },
    },
    async (request) => {
      const q = request.query;
      const page = await resolvePage(app.db, q.page_id);
      const limit = q.limit ?? 25;
      const now = app.now();
      const details = await listIncidentDetails(
        app.db,
        {
          pageId: page.id,
          state: q.state,
          limit: limit + 1,
          after: q.cursor ? decodeCursor(q.cursor) : undefined,
        },
        now,
      );
      const pageOf = details.slice(0, limit);
      const last = pageOf[pageOf.length - 1];
      const hasMore = details.length > limit;
      return {
        data: pageOf.map((d) => presentIncident(d, now)),
        has_more: hasMore,
        next_cursor: hasMore && last ? encodeCursor(last.startedAt, last.id) : null,
      };
    },
  );

  http.post(
    '/incidents',
    {
      schema: {
        tags,
        summary: 'Open an incident with its first update',
        description:
          'message is the first update. components lists the components (optionally per segment) the incident affects and their status. ' +
          'started_at back-dates the first update for incidents entered after the fact; an incident created already resolved is a backfill.',
        body: CreateIncidentBody,
        response: { 201: IncidentSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const detail = await createIncident(app, actorOf(request), {
        pageId: b.page_id,
        name: b.name,
        status: b.status,
        message: b.message,
        impact: b.impact,
        components: toChanges(b.components),
        startedAt: b.started_at,
        deliverNotifications: b.deliver_notifications,
        backfilled: b.backfilled,
      });
      return reply.code(201).send(presentIncident(detail, app.now()));
    },
  );

  http.get(
    '/incidents/:id',
    {
      schema: {
        tags,
        summary: 'Get an incident with its timeline and durations',
        params: IdParams,
        response: { 200: IncidentSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const now = app.now();
      return presentIncident(await loadIncidentDetail(app.db, request.params.id, now), now);
    },
  );

  http.patch(
    '/incidents/:id',
    {
      schema: {
        tags,
        summary: 'Rename an incident or override its impact',
        params: IdParams,
        body: UpdateIncidentBody,
        response: { 200: IncidentSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) =>
      presentIncident(await updateIncident(app, actorOf(request), request.params.id, request.body), app.now()),
  );

  http.delete(
    '/incidents/:id',
    {
      schema: {
        tags,
        summary: 'Delete an incident posted by mistake',
        params: IdParams,
        response: { 204: Type.Null(), ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      await deleteIncident(app, actorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  http.post(
    '/incidents/:id/updates',
    {
      schema: {
        tags,
        summary: 'Post an update',
        description:
          'Status moves forward in any order; moving back reopens the incident (audited). Resolving releases every component the incident holds. display_at back-dates the update.',
        params: IdParams,
        body: CreateIncidentUpdateBody,
        response: { 201: IncidentSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const detail = await addIncidentUpdate(app, actorOf(request), request.params.id, {
        status: b.status,
        message: b.message,
        components: toChanges(b.components),
        displayAt: b.display_at,
        deliverNotifications: b.deliver_notifications,
      });
      return reply.code(201).send(presentIncident(detail, app.now()));
    },
  );

  http.patch(
    '/incidents/:id/updates/:update_id',
    {
      schema: {
        tags,
        summary: 'Correct the text or display time of an update',
        params: IncidentUpdateParams,
        body: EditIncidentUpdateBody,
        response: { 200: IncidentSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const detail = await editIncidentUpdate(app, actorOf(request), request.params.id, request.params.update_id, {
        message: request.body.message,
        displayAt: request.body.display_at,
      });
      return presentIncident(detail, app.now());
    },
  );
}

function encodeCursor(startedAt: string, id: string): string {
  return Buffer.from(`${startedAt}|${id}`).toString('base64url');
}

function decodeCursor(cursor: string): { startedAt: string; id: string } {
  const [startedAt, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!startedAt || !id)
    throw invalid('INVALID_CURSOR', 'cursor is not a next_cursor returned by this API; start again without it.', {
      field: 'cursor',
    });
  return { startedAt: normalizeTimestamp(startedAt, 'cursor'), id };
}
