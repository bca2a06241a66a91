import { Type, type Static } from 'typebox';
import { COMPONENT_STATUSES } from '../../core/component-status.js';
import {
  AUTO_INCIDENT_MODES,
  DNS_RECORD_TYPES,
  HTTP_METHODS,
  MIN_INTERVAL_SECONDS,
  MONITOR_TYPES,
} from '../../core/monitor-definition.js';
import { nullable, stringEnum } from './schemas.js';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const Location = Type.String({
  pattern: '^[a-z0-9][a-z0-9-]{0,31}$',
  description: 'A location name, e.g. local, eu-west.',
});
const Status = stringEnum(COMPONENT_STATUSES);

/** Fields a monitor may set on create and change on update. */
const MonitorFields = {
  name: Type.String({ minLength: 1, maxLength: 255 }),
  component_id: Id,
  segment_id: Type.Optional(nullable(Id)),
  url: Type.Optional(
    nullable(Type.String({ minLength: 1, maxLength: 2000, description: 'http: the URL to request.' })),
  ),
  method: Type.Optional(stringEnum(HTTP_METHODS)),
  headers: Type.Optional(
    Type.Record(Type.String({ pattern: "^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$" }), Type.String({ maxLength: 4000 }), {
      maxProperties: 50,
    }),
  ),
  body: Type.Optional(nullable(Type.String({ maxLength: 65_536 }))),
  expected_status_codes: Type.Optional(
    Type.Array(Type.Integer({ minimum: 100, maximum: 599 }), {
      maxItems: 50,
      description: 'Accepted status codes; empty or absent = any 2xx.',
    }),
  ),
  keyword: Type.Optional(nullable(Type.String({ minLength: 1, maxLength: 1000 }))),
  keyword_absent: Type.Optional(Type.Boolean({ description: 'true: fail when the keyword appears.' })),
  json_path: Type.Optional(
    nullable(
      Type.String({
        pattern: '^[A-Za-z0-9_$-]+(\\.[A-Za-z0-9_$-]+)*$',
        maxLength: 500,
        description: 'Dotted path, e.g. data.status.',
      }),
    ),
  ),
  json_expected: Type.Optional(
    nullable(Type.String({ maxLength: 1000, description: 'The value at json_path, as text.' })),
  ),
  max_latency_ms: Type.Optional(
    nullable(Type.Integer({ minimum: 1, maximum: 600_000, description: 'Slower answers count as slow.' })),
  ),
  follow_redirects: Type.Optional(Type.Boolean()),
  verify_tls: Type.Optional(Type.Boolean()),
  host: Type.Optional(nullable(Type.String({ minLength: 1, maxLength: 253 }))),
  port: Type.Optional(nullable(Type.Integer({ minimum: 1, maximum: 65_535 }))),
  dns_record_type: Type.Optional(stringEnum(DNS_RECORD_TYPES)),
  dns_expected: Type.Optional(nullable(Type.String({ minLength: 1, maxLength: 500 }))),
  dns_resolver: Type.Optional(nullable(Type.String({ minLength: 1, maxLength: 100, description: 'ip or ip:port.' }))),
  tls_warn_days: Type.Optional(Type.Integer({ minimum: 0, maximum: 365 })),
  interval_seconds: Type.Optional(Type.Integer({ minimum: MIN_INTERVAL_SECONDS, maximum: 86_400 })),
  timeout_ms: Type.Optional(Type.Integer({ minimum: 100, maximum: 120_000 })),
  locations: Type.Optional(Type.Array(Location, { minItems: 1, maxItems: 20, description: 'Default ["local"].' })),
  failure_threshold: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  recovery_threshold: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  quorum: Type.Optional(
    nullable(Type.Integer({ minimum: 1, maximum: 20, description: 'null = a majority of fresh locations.' })),
  ),
  down_status: Type.Optional(Status),
  slow_status: Type.Optional(Status),
  auto_incident: Type.Optional(stringEnum(AUTO_INCIDENT_MODES)),
  depends_on: Type.Optional(
    Type.Array(Id, {
      maxItems: 50,
      description:
        'Component ids the monitored service depends on; while one has an automatic incident open, a failure here joins it.',
    }),
  ),
  period_seconds: Type.Optional(nullable(Type.Integer({ minimum: 10, maximum: 2_592_000 }))),
  grace_seconds: Type.Optional(nullable(Type.Integer({ minimum: 0, maximum: 2_592_000 }))),
  paused: Type.Optional(Type.Boolean()),
};

export const CreateMonitorBody = Type.Object(
  { type: stringEnum(MONITOR_TYPES), ...MonitorFields },
  { additionalProperties: false },
);
export const UpdateMonitorBody = Type.Partial(Type.Object(MonitorFields), {
  additionalProperties: false,
  minProperties: 1,
});
export type MonitorBodyT = Static<typeof UpdateMonitorBody>;

const LocationStateSchema = Type.Object({
  verdict: Type.String(),
  last_at: nullable(Type.String()),
  last_reason: nullable(Type.String()),
  last_ms: nullable(Type.Integer()),
});

export const MonitorSchema = Type.Object({
  id: Type.String(),
  page_id: Type.String(),
  type: Type.String(),
  name: Type.String(),
  component_id: Type.String(),
  segment_id: nullable(Type.String()),
  url: nullable(Type.String()),
  method: Type.String(),
  headers: Type.Record(Type.String(), Type.String(), {
    description: 'Header names; values are write-only and shown as [redacted].',
  }),
  body: nullable(Type.String()),
  expected_status_codes: Type.Array(Type.Integer()),
  keyword: nullable(Type.String()),
  keyword_absent: Type.Boolean(),
  json_path: nullable(Type.String()),
  json_expected: nullable(Type.String()),
  max_latency_ms: nullable(Type.Integer()),
  follow_redirects: Type.Boolean(),
  verify_tls: Type.Boolean(),
  host: nullable(Type.String()),
  port: nullable(Type.Integer()),
  dns_record_type: Type.String(),
  dns_expected: nullable(Type.String()),
  dns_resolver: nullable(Type.String()),
  tls_warn_days: Type.Integer(),
  interval_seconds: Type.Integer(),
  timeout_ms: Type.Integer(),
  locations: Type.Array(Type.String()),
  failure_threshold: Type.Integer(),
  recovery_threshold: Type.Integer(),
  quorum: nullable(Type.Integer()),
  down_status: Type.String(),
  slow_status: Type.String(),
  auto_incident: Type.String(),
  depends_on: Type.Array(Type.String()),
  period_seconds: nullable(Type.Integer()),
  grace_seconds: nullable(Type.Integer()),
  paused: Type.Boolean(),
  push_url: Type.Optional(Type.String({ description: 'Heartbeat only, and only in the response to create.' })),
  state: Type.Object({
    status: Type.String({ description: 'unknown, up, slow or down.' }),
    since: nullable(Type.String()),
    applied_status: Type.String({ description: 'The component status the monitor holds now.' }),
    incident_id: nullable(Type.String()),
    last_beat_at: nullable(Type.String()),
    locations: Type.Record(Type.String(), LocationStateSchema),
  }),
  created_at: Type.String(),
  updated_at: Type.String(),
});

export const ResultsQuery = Type.Object(
  {
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  },
  { additionalProperties: false },
);

export const ResultsSchema = Type.Object({
  monitor_id: Type.String(),
  from: Type.String(),
  to: Type.String(),
  data: Type.Array(
    Type.Object({
      at: Type.String(),
      location: Type.String(),
      ok: Type.Boolean(),
      ms: Type.Integer(),
      reason: Type.String(),
    }),
  ),
});

export const RollupsQuery = Type.Object(
  {
    resolution: Type.Optional(stringEnum(['minute', 'hour', 'day'] as const, 'Default hour.')),
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);

export const RollupsSchema = Type.Object({
  monitor_id: Type.String(),
  resolution: Type.String(),
  from: Type.String(),
  to: Type.String(),
  data: Type.Array(
    Type.Object({
      bucket_start: Type.String(),
      count: Type.Integer(),
      failures: Type.Integer(),
      uptime: nullable(Type.Number({ description: 'Share of checks that passed, 0 to 1.' })),
      p50_ms: nullable(Type.Integer()),
      p95_ms: nullable(Type.Integer()),
      p99_ms: nullable(Type.Integer()),
    }),
  ),
});
