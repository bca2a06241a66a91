import { Type } from 'typebox';
import { MAINTENANCE_STATUSES } from '../../core/maintenance-lifecycle.js';
import { nullable, stringEnum } from './schemas.js';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const LocalDateTime = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}$',
  description: 'Local wall-clock time, YYYY-MM-DDTHH:mm.',
});
const LocalDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

export const MaintenanceStatusSchema = stringEnum(MAINTENANCE_STATUSES);
const MaintenanceImpact = stringEnum(['none', 'minor', 'major', 'critical', 'maintenance'] as const);

const Exception = Type.Union([
  Type.Object({ kind: Type.Literal('skip'), local_date: LocalDate }, { additionalProperties: false }),
  Type.Object(
    {
      kind: Type.Literal('move'),
      local_date: LocalDate,
      starts_at_local: LocalDateTime,
      duration_minutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 43200 })),
    },
    { additionalProperties: false },
  ),
]);

export const RecurrenceSchema = Type.Object(
  {
    rule: Type.String({
      minLength: 1,
      maxLength: 500,
      description: 'RFC 5545 RRULE without DTSTART, e.g. FREQ=WEEKLY;BYDAY=SA.',
    }),
    time_zone: Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone the rule runs in.' }),
    starts_at_local: LocalDateTime,
    duration_minutes: Type.Integer({ minimum: 1, maximum: 43200 }),
    exceptions: Type.Optional(
      Type.Array(Exception, { maxItems: 500, description: 'Skip one occurrence, or move one to another time.' }),
    ),
  },
  { additionalProperties: false },
);

/** Fields a maintenance may set on create and change on edit (`PATCH`). */
const MaintenanceFields = {
  name: Type.String({ minLength: 1, maxLength: 255 }),
  message: Type.String({ minLength: 1, maxLength: 20000, description: 'Markdown.' }),
  component_ids: Type.Optional(Type.Array(Id, { maxItems: 500 })),
  components: Type.Optional(
    Type.Array(
      Type.Object({ component_id: Id, segment_id: Type.Optional(nullable(Id)) }, { additionalProperties: false }),
      { maxItems: 500 },
    ),
  ),
  scheduled_for: Type.Optional(Type.String({ format: 'date-time' })),
  scheduled_until: Type.Optional(Type.String({ format: 'date-time' })),
  impact: Type.Optional(MaintenanceImpact),
  auto_start: Type.Optional(Type.Boolean({ description: 'Start automatically at scheduled_for (default true).' })),
  auto_complete: Type.Optional(
    Type.Boolean({ description: 'Complete automatically at scheduled_until (default true).' }),
  ),
  validation_url: Type.Optional(
    nullable(
      Type.String({
        format: 'uri',
        maxLength: 2000,
        description: 'Must answer 2xx before a window completes; it waits in verifying until it does.',
      }),
    ),
  ),
  validation_monitor_ids: Type.Optional(
    Type.Array(Id, {
      maxItems: 50,
      description:
        'Monitors of the page (GET /api/v1/monitors) that must each pass a check taken after the window ends before it completes.',
    }),
  ),
  validation_grace_minutes: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: 10080,
      description: 'How long validation may fail before an incident opens (default 15).',
    }),
  ),
  watch_minutes: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: 10080,
      description:
        'Watch period after each window completes (default 0: none): monitors on its components run at least every 30 s, validation keeps running, and a failure opens an incident at once.',
    }),
  ),
  notify_reminder_hours: Type.Optional(
    nullable(
      Type.Integer({
        minimum: 1,
        maximum: 168,
        description: 'Remind subscribers this many hours before each window (default: no reminder).',
      }),
    ),
  ),
  notify_start: Type.Optional(Type.Boolean({ description: 'Notify subscribers when a window starts (default true).' })),
  notify_end: Type.Optional(Type.Boolean({ description: 'Notify subscribers when a window ends (default true).' })),
};

export const CreateMaintenanceBody = Type.Object(
  { page_id: Type.Optional(Id), ...MaintenanceFields, recurrence: Type.Optional(RecurrenceSchema) },
  { additionalProperties: false },
);

/** A recurrence edit: the parts given replace the series' current ones. */
const RecurrencePatch = Type.Partial(RecurrenceSchema, { additionalProperties: false, minProperties: 1 });

export const UpdateMaintenanceBody = Type.Partial(Type.Object({ ...MaintenanceFields, recurrence: RecurrencePatch }), {
  additionalProperties: false,
  minProperties: 1,
});

export const MaintenanceUpdateBody = Type.Object(
  {
    status: Type.Optional(MaintenanceStatusSchema),
    message: Type.String({ minLength: 1, maxLength: 20000 }),
    notify: Type.Optional(
      Type.Boolean({
        description: 'false: do not notify subscribers of this start or end (default: the window flags).',
      }),
    ),
  },
  { additionalProperties: false },
);

const WindowSchema = Type.Object({
  id: Type.String(),
  maintenance_id: Type.String(),
  status: MaintenanceStatusSchema,
  scheduled_for: Type.String(),
  scheduled_until: Type.String(),
  started_at: nullable(Type.String()),
  finished_at: nullable(Type.String()),
  last_check: nullable(
    Type.Object({ ok: Type.Boolean(), reason: Type.String(), ms: Type.Integer(), at: Type.String() }),
  ),
  validation_incident_id: nullable(Type.String()),
  watch_until: nullable(
    Type.String({ description: 'Until when the window is watched after it completed (watch_minutes); null for none.' }),
  ),
  watch_incident_id: nullable(
    Type.String({ description: 'The incident a failure during the watch opened or joined.' }),
  ),
  updates: Type.Array(
    Type.Object({
      id: Type.String(),
      status: MaintenanceStatusSchema,
      body: Type.String(),
      display_at: Type.String(),
      automatic: Type.Boolean(),
    }),
    { description: 'Newest first.' },
  ),
});
export const MaintenanceWindowSchema = WindowSchema;

export const MaintenanceSchema = Type.Object({
  id: Type.String(),
  page_id: Type.String(),
  name: Type.String(),
  message: Type.String(),
  impact: MaintenanceImpact,
  kind: stringEnum(['one_off', 'recurring'] as const),
  scheduled_for: nullable(Type.String()),
  scheduled_until: nullable(Type.String()),
  recurrence: nullable(
    Type.Object({
      rule: Type.String(),
      time_zone: Type.String(),
      starts_at_local: Type.String(),
      duration_minutes: Type.Integer(),
      exceptions: Type.Array(Type.Unknown()),
    }),
  ),
  auto_start: Type.Boolean(),
  auto_complete: Type.Boolean(),
  validation_url: nullable(Type.String()),
  validation_monitor_ids: Type.Array(Type.String()),
  validation_grace_minutes: Type.Integer(),
  watch_minutes: Type.Integer(),
  notify_reminder_hours: nullable(Type.Integer()),
  notify_start: Type.Boolean(),
  notify_end: Type.Boolean(),
  components: Type.Array(Type.Object({ component_id: Type.String(), segment_id: nullable(Type.String()) })),
  windows: Type.Array(WindowSchema, { description: 'Upcoming, active and the 50 most recent windows.' }),
  created_at: Type.String(),
  updated_at: Type.String(),
});
