import { Type, type Static } from 'typebox';
import { createMaintenance } from '../../app/maintenance/create-maintenance.js';
import { deleteMaintenance } from '../../app/maintenance/delete-maintenance.js';
import { loadMaintenanceDetails, type MaintenanceDetail } from '../../app/maintenance/load-maintenance-details.js';
import { postMaintenanceUpdate } from '../../app/maintenance/post-maintenance-update.js';
import { updateMaintenance } from '../../app/maintenance/update-maintenance.js';
import { resolvePage } from '../../app/pages/resolve-page.js';
import type { AppContext } from '../../app/context.js';
import { notFound } from '../../core/errors.js';
import type { Maintenance } from '../../core/model.js';
import type { RecurrenceException } from '../../core/recurrence.js';
import { findOccurrence, listMaintenances, listOccurrences } from '../../store/maintenances-store.js';
import { actorOf, ERROR_RESPONSES, type AdminDeps, type TypedApp } from './route-context.js';
import {
  CreateMaintenanceBody,
  MaintenanceSchema,
  MaintenanceUpdateBody,
  MaintenanceWindowSchema,
  RecurrenceSchema,
  UpdateMaintenanceBody,
} from './maintenance-schemas.js';
import { IdParams, listOf, PageQuery } from './schemas.js';

const tags = ['maintenance'];

function presentWindow(w: MaintenanceDetail) {
  return {
    id: w.id,
    maintenance_id: w.maintenanceId,
    status: w.status,
    scheduled_for: w.startsAt,
    scheduled_until: w.endsAt,
    started_at: w.startedAt,
    finished_at: w.finishedAt,
    last_check: w.lastCheck
      ? { ok: w.lastCheck.ok, reason: w.lastCheck.reason, ms: w.lastCheck.ms, at: w.lastCheck.at }
      : null,
    validation_incident_id: w.validationIncidentId,
    watch_until: w.watchUntil,
    watch_incident_id: w.watchIncidentId,
    updates: w.updates.map((u) => ({
      id: u.id,
      status: u.status,
      body: u.body,
      display_at: u.displayAt,
      automatic: u.automatic,
    })),
  };
}

function presentMaintenance(m: Maintenance, windows: MaintenanceDetail[]) {
  return {
    id: m.id,
    page_id: m.pageId,
    name: m.name,
    message: m.message,
    impact: m.impact,
    kind: m.kind,
    scheduled_for: m.scheduledFor,
    scheduled_until: m.scheduledUntil,
    recurrence: m.recurrence
      ? {
          rule: m.recurrence.rule,
          time_zone: m.recurrence.timeZone,
          starts_at_local: m.recurrence.startsAtLocal,
          duration_minutes: m.recurrence.durationMinutes,
          exceptions: (m.recurrence.exceptions ?? []).map((e) =>
            e.kind === 'skip'
              ? { kind: e.kind, local_date: e.localDate }
              : {
                  kind: e.kind,
                  local_date: e.localDate,
                  starts_at_local: e.startsAtLocal,
                  duration_minutes: e.durationMinutes,
                },
          ),
        }
      : null,
    auto_start: m.autoStart,
    auto_complete: m.autoComplete,
    validation_url: m.validationUrl,
    validation_monitor_ids: m.validationMonitorIds,
    validation_grace_minutes: m.validationGraceMinutes,
    watch_minutes: m.watchMinutes,
    notify_reminder_hours: m.notify?.reminderHours ?? null,
    notify_start: m.notify?.start ?? true,
    notify_end: m.notify?.end ?? true,
    components: m.components.map((c) => ({ component_id: c.componentId, segment_id: c.segmentId })),
    windows: windows.map(presentWindow),
    created_at: m.createdAt,
    updated_at: m.updatedAt,
  };
}

type RecurrenceBody = Static<typeof RecurrenceSchema>;

function toException(e: NonNullable<RecurrenceBody['exceptions']>[number]): RecurrenceException {
  return e.kind === 'skip'
    ? { kind: 'skip', localDate: e.local_date }
    : { kind: 'move', localDate: e.local_date, startsAtLocal: e.starts_at_local, durationMinutes: e.duration_minutes };
}

/** The fields create and edit share, from the body's names to the use case's. */
function toFields(b: Static<typeof UpdateMaintenanceBody>) {
  return {
    name: b.name,
    message: b.message,
    componentIds: b.component_ids,
    components: b.components?.map((c) => ({ componentId: c.component_id, segmentId: c.segment_id })),
    scheduledFor: b.scheduled_for,
    scheduledUntil: b.scheduled_until,
    impact: b.impact,
    autoStart: b.auto_start,
    autoComplete: b.auto_complete,
    validationUrl: b.validation_url,
    validationMonitorIds: b.validation_monitor_ids,
    validationGraceMinutes: b.validation_grace_minutes,
    watchMinutes: b.watch_minutes,
    notify: { reminderHours: b.notify_reminder_hours, start: b.notify_start, end: b.notify_end },
  };
}

async function withWindows(app: AppContext, maintenances: Maintenance[]) {
  const occurrences = await listOccurrences(app.db, {
    maintenanceIds: maintenances.map((m) => m.id),
    limit: 1000,
    order: 'asc',
  });
  const details = await loadMaintenanceDetails(app.db, occurrences);
  return maintenances.map((m) =>
    presentMaintenance(
      m,
      details.filter((d) => d.maintenanceId === m.id),
    ),
  );
}

/** /api/v1/maintenances and /api/v1/maintenance-windows */
export function registerMaintenanceRoutes(http: TypedApp, { app }: AdminDeps): void {
  http.get(
    '/maintenances',
    {
      schema: {
        tags,
        summary: 'List maintenance (one-off windows and recurring series) of a page',
        querystring: PageQuery,
        response: { 200: listOf(MaintenanceSchema), ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const page = await resolvePage(app.db, request.query.page_id);
      return { data: await withWindows(app, await listMaintenances(app.db, { pageId: page.id })) };
    },
  );

  http.post(
    '/maintenances',
    {
      schema: {
        tags,
        summary: 'Schedule maintenance: one window (scheduled_for/until) or a recurring series (recurrence)',
        description:
          'A recurrence is an RFC 5545 RRULE in an IANA time zone with a local start time and a duration; windows stay at the same wall-clock time across daylight-saving changes. ' +
          'At the start the affected components go under_maintenance (a worse incident still shows), at the end they are released.',
        body: CreateMaintenanceBody,
        response: { 201: MaintenanceSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const maintenance = await createMaintenance(app, actorOf(request), {
        ...toFields(b),
        pageId: b.page_id,
        name: b.name,
        message: b.message,
        recurrence: b.recurrence
          ? {
              rule: b.recurrence.rule,
              timeZone: b.recurrence.time_zone,
              startsAtLocal: b.recurrence.starts_at_local,
              durationMinutes: b.recurrence.duration_minutes,
              exceptions: (b.recurrence.exceptions ?? []).map(toException),
            }
          : undefined,
      });
      const [presented] = await withWindows(app, [maintenance]);
      return reply.code(201).send(presented!);
    },
  );

  http.get(
    '/maintenances/:id',
    {
      schema: {
        tags,
        summary: 'Get a maintenance with its windows',
        params: IdParams,
        response: { 200: MaintenanceSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const [maintenance] = await listMaintenances(app.db, { ids: [request.params.id] });
      if (!maintenance) throw notFound('MAINTENANCE_NOT_FOUND', `No maintenance has the id "${request.params.id}".`);
      return (await withWindows(app, [maintenance]))[0]!;
    },
  );

  http.patch(
    '/maintenances/:id',
    {
      schema: {
        tags,
        summary: 'Edit a maintenance; editing a series rule re-materialises its windows that have not started',
        description:
          'Fields left out stay as they are. A one-off window can be moved while it is still scheduled; a recurring series takes a partial `recurrence` whose parts replace the current ones ' +
          '(its scheduled windows that no longer fit are removed, new ones written; windows in progress, verifying or completed stay). `component_ids`/`components` replace the affected components, at once on a window in progress.',
        params: IdParams,
        body: UpdateMaintenanceBody,
        response: { 200: MaintenanceSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const b = request.body;
      const r = b.recurrence;
      const maintenance = await updateMaintenance(app, actorOf(request), request.params.id, {
        ...toFields(b),
        recurrence: r
          ? {
              rule: r.rule,
              timeZone: r.time_zone,
              startsAtLocal: r.starts_at_local,
              durationMinutes: r.duration_minutes,
              exceptions: r.exceptions?.map(toException),
            }
          : undefined,
      });
      return (await withWindows(app, [maintenance]))[0]!;
    },
  );

  http.delete(
    '/maintenances/:id',
    {
      schema: {
        tags,
        summary: 'Delete a maintenance; windows not yet finished are cancelled',
        params: IdParams,
        response: { 204: Type.Null(), ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      await deleteMaintenance(app, actorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  http.get(
    '/maintenance-windows/:id',
    {
      schema: {
        tags,
        summary: 'Get one maintenance window (the id used in /api/v2)',
        params: IdParams,
        response: { 200: MaintenanceWindowSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const occurrence = await findOccurrence(app.db, request.params.id);
      if (!occurrence)
        throw notFound('MAINTENANCE_NOT_FOUND', `No maintenance window has the id "${request.params.id}".`);
      const [detail] = await loadMaintenanceDetails(app.db, [occurrence]);
      return presentWindow(detail!);
    },
  );

  http.post(
    '/maintenance-windows/:id/updates',
    {
      schema: {
        tags,
        summary: 'Post an update on a window, optionally moving it (in_progress, verifying, completed, cancelled)',
        params: IdParams,
        body: MaintenanceUpdateBody,
        response: { 201: MaintenanceWindowSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      await postMaintenanceUpdate(app, actorOf(request), request.params.id, {
        status: request.body.status,
        message: request.body.message,
        notify: request.body.notify,
      });
      const [detail] = await loadMaintenanceDetails(app.db, [(await findOccurrence(app.db, request.params.id))!]);
      return reply.code(201).send(presentWindow(detail!));
    },
  );
}
