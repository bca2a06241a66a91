import { Type } from 'typebox';
import type { AppContext } from '../../app/context.js';
import { createMonitor } from '../../app/monitors/create-monitor.js';
import { deleteMonitor } from '../../app/monitors/delete-monitor.js';
import type { MonitorInput } from '../../app/monitors/monitor-fields.js';
import { requireMonitor } from '../../app/monitors/require-monitor.js';
import { updateMonitor } from '../../app/monitors/update-monitor.js';
import { resolvePage } from '../../app/pages/resolve-page.js';
import { normalizeTimestamp } from '../../core/timestamps.js';
import type { Monitor, MonitorSettings } from '../../core/monitor-definition.js';
import { listCheckResults } from '../../store/check-results-store.js';
import { listRollups } from '../../store/check-rollups-store.js';
import { loadMonitorStates, type StoredMonitorState } from '../../store/monitor-states-store.js';
import { listMonitors } from '../../store/monitors-store.js';
import { actorOf, ERROR_RESPONSES, type AdminDeps, type TypedApp } from './route-context.js';
import {
  CreateMonitorBody,
  MonitorSchema,
  ResultsQuery,
  ResultsSchema,
  RollupsQuery,
  RollupsSchema,
  UpdateMonitorBody,
  type MonitorBodyT,
} from './monitor-schemas.js';
import { IdParams, listOf, PageQuery } from './schemas.js';

const tags = ['monitors'];

function presentMonitor(m: Monitor, stored: StoredMonitorState | undefined, pushUrl?: string) {
  const s = m.settings;
  const locations = stored?.evaluation.locations ?? {};
  return {
    id: m.id,
    page_id: m.pageId,
    type: m.type,
    name: m.name,
    component_id: m.componentId,
    segment_id: m.segmentId,
    url: s.url,
    method: s.method,
    // Header values often carry credentials for the target: write-only, like token secrets.
    headers: Object.fromEntries(Object.keys(s.headers).map((name) => [name, '[redacted]'])),
    body: s.body,
    expected_status_codes: s.expectedStatusCodes,
    keyword: s.keyword,
    keyword_absent: s.keywordAbsent,
    json_path: s.jsonPath,
    json_expected: s.jsonExpected,
    max_latency_ms: m.maxLatencyMs,
    follow_redirects: s.followRedirects,
    verify_tls: s.verifyTls,
    host: s.host,
    port: s.port,
    dns_record_type: s.dnsRecordType,
    dns_expected: s.dnsExpected,
    dns_resolver: s.dnsResolver,
    tls_warn_days: s.tlsWarnDays,
    interval_seconds: m.intervalSeconds,
    timeout_ms: m.timeoutMs,
    locations: m.locations,
    failure_threshold: m.failureThreshold,
    recovery_threshold: m.recoveryThreshold,
    quorum: m.quorum,
    down_status: m.downStatus,
    slow_status: m.slowStatus,
    auto_incident: m.autoIncident,
    depends_on: m.dependsOn,
    period_seconds: m.periodSeconds,
    grace_seconds: m.graceSeconds,
    paused: m.paused,
    ...(pushUrl ? { push_url: pushUrl } : {}),
    state: {
      status: stored?.evaluation.state ?? 'unknown',
      since: stored?.evaluation.since ? new Date(stored.evaluation.since).toISOString() : null,
      applied_status: stored?.appliedStatus ?? 'operational',
      incident_id: stored?.incidentId ?? null,
      last_beat_at: stored?.lastBeatAt ?? null,
      locations: Object.fromEntries(
        Object.entries(locations).map(([name, l]) => [
          name,
          {
            verdict: l.verdict,
            last_at: l.lastResult?.at ?? null,
            last_reason: l.lastResult?.reason ?? null,
            last_ms: l.lastResult?.ms ?? null,
          },
        ]),
      ),
    },
    created_at: m.createdAt,
    updated_at: m.updatedAt,
  };
}

/** The body's fields as use-case input (snake_case to camelCase; absent stays undefined). */
function toInput(b: MonitorBodyT): MonitorInput {
  const settings: Partial<MonitorSettings> = {
    url: b.url,
    method: b.method,
    headers: b.headers,
    body: b.body,
    expectedStatusCodes: b.expected_status_codes,
    keyword: b.keyword,
    keywordAbsent: b.keyword_absent,
    jsonPath: b.json_path,
    jsonExpected: b.json_expected,
    followRedirects: b.follow_redirects,
    verifyTls: b.verify_tls,
    host: b.host,
    port: b.port,
    dnsRecordType: b.dns_record_type,
    dnsExpected: b.dns_expected,
    dnsResolver: b.dns_resolver,
    tlsWarnDays: b.tls_warn_days,
  };
  return {
    name: b.name,
    componentId: b.component_id,
    segmentId: b.segment_id,
    settings,
    intervalSeconds: b.interval_seconds,
    timeoutMs: b.timeout_ms,
    locations: b.locations,
    failureThreshold: b.failure_threshold,
    recoveryThreshold: b.recovery_threshold,
    quorum: b.quorum,
    maxLatencyMs: b.max_latency_ms,
    downStatus: b.down_status,
    slowStatus: b.slow_status,
    autoIncident: b.auto_incident,
    dependsOn: b.depends_on,
    periodSeconds: b.period_seconds,
    graceSeconds: b.grace_seconds,
    paused: b.paused,
  };
}

async function present(app: AppContext, monitors: Monitor[]) {
  const states = await loadMonitorStates(
    app.db,
    monitors.map((m) => m.id),
  );
  return monitors.map((m) => presentMonitor(m, states.get(m.id)));
}

/** /api/v1/monitors: CRUD, and each monitor's raw results for response-time charts. */
export function registerMonitorRoutes(http: TypedApp, { app, publicUrl }: AdminDeps & { publicUrl: string }): void {
  http.get(
    '/monitors',
    {
      schema: {
        tags,
        summary: 'List the monitors of a page',
        querystring: PageQuery,
        response: { 200: listOf(MonitorSchema), ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const page = await resolvePage(app.db, request.query.page_id);
      return { data: await present(app, await listMonitors(app.db, { pageId: page.id })) };
    },
  );

  http.post(
    '/monitors',
    {
      schema: {
        tags,
        summary: 'Create a monitor (http, tcp, dns, tls or heartbeat) on a component',
        description:
          'A heartbeat monitor answers with its push_url once; only a hash of its secret is kept. Call the URL (GET or POST, no token) at least every period_seconds.',
        body: CreateMonitorBody,
        response: { 201: MonitorSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const created = await createMonitor(app, actorOf(request), {
        ...toInput(b),
        type: b.type,
        name: b.name,
        componentId: b.component_id,
      });
      const pushUrl = created.pushToken
        ? `${publicUrl.replace(/\/$/, '')}/api/v1/heartbeat/${created.pushToken}`
        : undefined;
      return reply.code(201).send(presentMonitor(created.monitor, undefined, pushUrl));
    },
  );

  http.get(
    '/monitors/:id',
    {
      schema: {
        tags,
        summary: 'Get a monitor and its state',
        params: IdParams,
        response: { 200: MonitorSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => (await present(app, [await requireMonitor(app.db, request.params.id)]))[0]!,
  );

  http.patch(
    '/monitors/:id',
    {
      schema: {
        tags,
        summary: 'Change a monitor (its type cannot change)',
        params: IdParams,
        body: UpdateMonitorBody,
        response: { 200: MonitorSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const updated = await updateMonitor(app, actorOf(request), request.params.id, toInput(request.body));
      return (await present(app, [updated]))[0]!;
    },
  );

  http.delete(
    '/monitors/:id',
    {
      schema: {
        tags,
        summary: 'Delete a monitor; it releases the status it held',
        params: IdParams,
        response: { 204: Type.Null(), ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      await deleteMonitor(app, actorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  http.get(
    '/monitors/:id/rollups',
    {
      schema: {
        tags,
        summary: "A monitor's history per minute, hour or day: count, failures, p50/p95/p99 latency",
        description:
          'Latency percentiles describe successful checks. Default range: the last 24 hours (minute, hour) or 90 days (day). Minute roll-ups are written every minute (the last 5 minutes are recomputed for late results); an hour appears once it is over, a day once its last hour is.',
        params: IdParams,
        querystring: RollupsQuery,
        response: { 200: RollupsSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const monitor = await requireMonitor(app.db, request.params.id);
      const resolution = request.query.resolution ?? 'hour';
      const to = request.query.to ? normalizeTimestamp(request.query.to, 'to') : app.now().toISOString();
      const span = resolution === 'day' ? 90 * 86_400_000 : 86_400_000;
      const from = request.query.from
        ? normalizeTimestamp(request.query.from, 'from')
        : new Date(Date.parse(to) - span).toISOString();
      const rollups = await listRollups(app.db, { resolution, from, to, monitorId: monitor.id, limit: 10_000 });
      return {
        monitor_id: monitor.id,
        resolution,
        from,
        to,
        data: rollups.map((r) => ({
          bucket_start: r.bucketStart,
          count: r.count,
          failures: r.failures,
          uptime: r.count === 0 ? null : (r.count - r.failures) / r.count,
          p50_ms: r.p50Ms,
          p95_ms: r.p95Ms,
          p99_ms: r.p99Ms,
        })),
      };
    },
  );

  http.get(
    '/monitors/:id/results',
    {
      schema: {
        tags,
        summary: "A monitor's raw check results (response-time chart data), oldest first",
        description: 'Default range: the last 24 hours; at most `limit` (default 1,000) of the newest results in it.',
        params: IdParams,
        querystring: ResultsQuery,
        response: { 200: ResultsSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const monitor = await requireMonitor(app.db, request.params.id);
      const now = app.now();
      const to = request.query.to ? normalizeTimestamp(request.query.to, 'to') : now.toISOString();
      const from = request.query.from
        ? normalizeTimestamp(request.query.from, 'from')
        : new Date(Date.parse(to) - 86_400_000).toISOString();
      const results = await listCheckResults(app.db, {
        monitorId: monitor.id,
        from,
        to,
        limit: request.query.limit ?? 1000,
      });
      return {
        monitor_id: monitor.id,
        from,
        to,
        data: results.map((r) => ({ at: r.at, location: r.location, ok: r.ok, ms: r.ms, reason: r.reason })),
      };
    },
  );
}
