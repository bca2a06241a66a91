import { Type } from 'typebox';
import { acceptProbeResults, listProbeAssignments } from '../../app/monitors/probe-exchange.js';
import { toAssignment } from '../../core/probe-assignment.js';
import { normalizeTimestamp } from '../../core/timestamps.js';
import { actorOf, ERROR_RESPONSES, type AdminDeps, type TypedApp } from './route-context.js';

const tags = ['probes'];
const Location = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,31}$' });

const AssignmentSchema = Type.Object({
  id: Type.String(),
  type: Type.String(),
  name: Type.String(),
  interval_seconds: Type.Integer(),
  timeout_ms: Type.Integer(),
  failure_threshold: Type.Integer(),
  recovery_threshold: Type.Integer(),
  max_latency_ms: Type.Union([Type.Integer(), Type.Null()]),
  url: Type.Union([Type.String(), Type.Null()]),
  method: Type.String(),
  headers: Type.Record(Type.String(), Type.String()),
  body: Type.Union([Type.String(), Type.Null()]),
  expected_status_codes: Type.Array(Type.Integer()),
  keyword: Type.Union([Type.String(), Type.Null()]),
  keyword_absent: Type.Boolean(),
  json_path: Type.Union([Type.String(), Type.Null()]),
  json_expected: Type.Union([Type.String(), Type.Null()]),
  follow_redirects: Type.Boolean(),
  verify_tls: Type.Boolean(),
  host: Type.Union([Type.String(), Type.Null()]),
  port: Type.Union([Type.Integer(), Type.Null()]),
  dns_record_type: Type.String(),
  dns_expected: Type.Union([Type.String(), Type.Null()]),
  dns_resolver: Type.Union([Type.String(), Type.Null()]),
  tls_warn_days: Type.Integer(),
  updated_at: Type.String(),
});

const ResultsBody = Type.Object(
  {
    location: Location,
    results: Type.Array(
      Type.Object(
        {
          id: Type.String({
            pattern: '^[A-Za-z0-9_-]{8,64}$',
            description: 'Chosen by the probe; a resend with the same id is ignored.',
          }),
          monitor_id: Type.String({ minLength: 1, maxLength: 64 }),
          at: Type.String({ format: 'date-time' }),
          ok: Type.Boolean(),
          ms: Type.Integer({ minimum: 0, maximum: 3_600_000 }),
          reason: Type.String({ maxLength: 500 }),
        },
        { additionalProperties: false },
      ),
      { maxItems: 1000 },
    ),
  },
  { additionalProperties: false },
);

/** /api/v1/probe/*: the only routes a probe token may call. */
export function registerProbeRoutes(http: TypedApp, { app }: AdminDeps): void {
  http.get(
    '/probe/assignments',
    {
      schema: {
        tags,
        summary: 'The monitors a probe at a location should run (probe tokens only)',
        querystring: Type.Object({ location: Location }, { additionalProperties: false }),
        response: {
          200: Type.Object({ location: Type.String(), data: Type.Array(AssignmentSchema) }),
          ...ERROR_RESPONSES,
        },
      },
    },
    async (request) => {
      const monitors = await listProbeAssignments(app, actorOf(request), request.query.location);
      return { location: request.query.location, data: monitors.map(toAssignment) };
    },
  );

  http.post(
    '/probe/results',
    {
      schema: {
        tags,
        summary: 'Report a batch of check results from a location (probe tokens only; idempotent by result id)',
        body: ResultsBody,
        response: {
          200: Type.Object({
            stored: Type.Integer(),
            ignored: Type.Integer({ description: 'Resent, or for a monitor that does not run at this location.' }),
            recheck: Type.Array(Type.String(), {
              description: 'Monitors to check again promptly (an unconfirmed failure).',
            }),
          }),
          ...ERROR_RESPONSES,
        },
      },
    },
    async (request) => {
      const b = request.body;
      return acceptProbeResults(
        app,
        actorOf(request),
        b.location,
        b.results.map((r) => ({
          id: r.id,
          monitorId: r.monitor_id,
          result: { ok: r.ok, ms: r.ms, reason: r.reason, at: normalizeTimestamp(r.at, 'at') },
        })),
      );
    },
  );
}
