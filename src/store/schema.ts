import type { Generated } from 'kysely';

// Row types as stored. Timestamps are ISO 8601 UTC strings with milliseconds ("2026-07-04T14:55:00.000Z")
// on both dialects, so ordering by text is ordering by time (docs/decisions/0002-storage-types.md).
// Booleans are 0/1 integers on both dialects. A segment id of '' means "the whole component".

/** A status page. */
export interface PageTable {
  id: string;
  slug: string;
  name: string;
  time_zone: string;
  url: string | null;
  default_lang: string;
  logo_url: string | null;
  accent_color: string | null;
  /** JSON array of { label, url }. */
  footer_links_json: string | null;
  /** A host name that serves this page (pages are picked by Host header). */
  custom_domain: string | null;
  /** 1 for the page served at / and /api/v2 (exactly one page), else 0. */
  is_default: number;
  created_at: string;
  updated_at: string;
}

/** A group of components on a page. */
export interface ComponentGroupTable {
  id: string;
  page_id: string;
  name: string;
  description: string | null;
  position: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

/** A component; its status lives in `status_sources`. */
export interface ComponentTable {
  id: string;
  page_id: string;
  group_id: string | null;
  name: string;
  description: string | null;
  position: number;
  showcase: number;
  only_show_if_degraded: number;
  start_date: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

/** A region or deployment of a page (seed 000: Public Cloud, Private Server, Local Server). */
export interface SegmentTable {
  id: string;
  page_id: string;
  name: string;
  description: string | null;
  position: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

/** One source holding a component (or one of its segments) in a status. */
export interface StatusSourceTable {
  component_id: string;
  segment_id: string;
  source_type: 'manual' | 'incident' | 'maintenance' | 'monitor';
  source_id: string;
  status: string;
  since: string;
}

/** An incident. `impact` is the computed value, kept current by every write. */
export interface IncidentTable {
  id: string;
  page_id: string;
  name: string;
  status: string;
  impact: string;
  impact_override: string | null;
  backfilled: number;
  started_at: string;
  monitoring_at: string | null;
  resolved_at: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

/** One update of an incident's timeline. */
export interface IncidentUpdateTable {
  id: string;
  incident_id: string;
  status: string;
  body: string;
  display_at: string;
  /** 1, 2, 3… per incident in posting order; breaks ties between equal display times. */
  sequence: number;
  deliver_notifications: number;
  created_at: string;
  updated_at: string;
}

/** A component (or segment) change recorded by an update. */
export interface IncidentUpdateComponentTable {
  update_id: string;
  incident_id: string;
  component_id: string;
  segment_id: string;
  old_status: string;
  new_status: string;
  effective_at: string;
  position: number;
}

/** An API token; only a hash of its secret is kept. */
export interface ApiTokenTable {
  id: string;
  name: string;
  role: string;
  secret_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** One audited change. */
export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_type: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  target_type: string;
  target_id: string;
  page_id: string | null;
  before_json: string | null;
  after_json: string | null;
}

/** A maintenance window definition: one-off (scheduled_for/until) or recurring (rule …). */
export interface MaintenanceTable {
  id: string;
  page_id: string;
  name: string;
  message: string;
  impact: string;
  kind: 'one_off' | 'recurring';
  scheduled_for: string | null;
  scheduled_until: string | null;
  rule: string | null;
  time_zone: string | null;
  starts_at_local: string | null;
  duration_minutes: number | null;
  exceptions_json: string | null;
  auto_start: number;
  auto_complete: number;
  /** Must answer 2xx before the window may complete (seed 000: validate after maintenance). */
  validation_url: string | null;
  validation_grace_minutes: number;
  /** Remind subscribers this many hours before each window (null: no reminder). */
  notify_reminder_hours: number | null;
  notify_start: number;
  notify_end: number;
  /** JSON array of monitor ids that must pass after a window before it completes; null for none. */
  validation_monitor_ids_json: string | null;
  /** How long after each window completes its components are watched closely (0: no watch). */
  watch_minutes: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

/** A component (optionally one segment of it) a maintenance window affects. */
export interface MaintenanceComponentTable {
  maintenance_id: string;
  component_id: string;
  segment_id: string;
  position: number;
}

/** One concrete window of a maintenance (the single one of a one-off, each one of a series). */
export interface MaintenanceOccurrenceTable {
  id: string;
  maintenance_id: string;
  page_id: string;
  starts_at: string;
  ends_at: string;
  status: string;
  started_at: string | null;
  finished_at: string | null;
  verifying_since: string | null;
  /** The latest validation check, as JSON ({ ok, reason, ms, at }). */
  last_check_json: string | null;
  /** The incident opened because validation kept failing past the grace period. */
  validation_incident_id: string | null;
  /** When subscribers were reminded of this window (at most once). */
  reminded_at: string | null;
  /** When the team was alerted that validation failed at the end of this window (at most once). */
  validation_alerted_at: string | null;
  /** Until when the window's components are watched after it completed (null: no watch). */
  watch_until: string | null;
  /** The incident opened (or adopted) because something failed during the watch (at most one). */
  watch_incident_id: string | null;
  created_at: string;
  updated_at: string;
}

/** One update in a maintenance occurrence's timeline. */
export interface MaintenanceUpdateTable {
  id: string;
  occurrence_id: string;
  status: string;
  body: string;
  display_at: string;
  sequence: number;
  automatic: number;
  created_at: string;
  updated_at: string;
}

/** A monitor; the settings of its check type are JSON (`settings_json`), its push token only a hash. */
export interface MonitorTable {
  id: string;
  page_id: string;
  component_id: string;
  segment_id: string;
  type: string;
  name: string;
  settings_json: string;
  interval_seconds: number;
  timeout_ms: number;
  locations_json: string;
  failure_threshold: number;
  recovery_threshold: number;
  quorum: number | null;
  max_latency_ms: number | null;
  down_status: string;
  slow_status: string;
  auto_incident: string;
  depends_on_json: string;
  period_seconds: number | null;
  grace_seconds: number | null;
  push_token_hash: string | null;
  paused: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

/** What the evaluator knows about a monitor, so a restart continues where it stopped. */
export interface MonitorStateTable {
  monitor_id: string;
  /** The evaluator's state (core/monitor-evaluation.ts MonitorState) as JSON. */
  state_json: string;
  state: string;
  since: string | null;
  /** The status the monitor's status source holds now ('operational' = none). */
  applied_status: string;
  /** The automatic incident of the current episode, if any. */
  incident_id: string | null;
  /** `updated_at#updates` of the incident after automation's last write: anything else means a person changed it. */
  incident_fingerprint: string | null;
  /** 1 once a person edited the episode's incident: automation leaves it alone until the next episode. */
  taken_over: number;
  /** 1 when the episode joined a dependency's incident instead of opening its own. */
  joined_root: number;
  last_beat_at: string | null;
  updated_at: string;
}

/** One check result; `id` is chosen by whoever ran the check, so a resent result is not stored twice. */
export interface CheckResultTable {
  id: string;
  monitor_id: string;
  location: string;
  at: string;
  ok: number;
  ms: number;
  reason: string;
}

/** Results of one monitor over one minute, hour or day (all locations together). */
export interface CheckRollupTable {
  monitor_id: string;
  resolution: 'minute' | 'hour' | 'day';
  bucket_start: string;
  count: number;
  failures: number;
  p50_ms: number | null;
  p95_ms: number | null;
  p99_ms: number | null;
  /** Latency histogram (core/latency-histogram.ts), so hours and days add up from minutes. */
  histogram_json: string;
}

/** A lease on a singleton loop: only `holder` runs it until `expires_at` (ISO UTC). */
export interface MonitorLeaseTable {
  name: string;
  holder: string;
  expires_at: string;
}

/** A secret the instance generates for itself once (e.g. the key that signs subscriber links). */
export interface InstanceKeyTable {
  name: string;
  value: string;
  created_at: string;
}

/** Someone (an address or an endpoint) told about changes to a page. */
export interface SubscriberTable {
  id: string;
  page_id: string;
  type: 'email' | 'webhook' | 'slack' | 'discord' | 'teams' | 'alert';
  /** `public` (customers) or `team` (operator alerts). */
  audience: 'public' | 'team';
  /** Lower-cased e-mail address, or the URL to post to. */
  address: string;
  /** Webhook signing secret; kept usable for HMAC, never returned after creation. */
  secret: string | null;
  /** Where to tell the owner of a webhook that it was quarantined. */
  contact_email: string | null;
  language: string;
  confirmed_at: string | null;
  confirm_expires_at: string | null;
  token_generation: number;
  quarantined_at: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

/** A component a subscriber chose; none means the whole page. */
export interface SubscriberComponentTable {
  subscriber_id: string;
  component_id: string;
}

/** The outbox: one row per notification a change causes, written in the change's transaction. */
export interface NotificationEventTable {
  id: string;
  page_id: string;
  kind: string;
  ref_json: string;
  component_ids_json: string;
  subscriber_id: string | null;
  created_at: string;
  fanned_out_at: string | null;
  content_json: string | null;
}

/** One message to one subscriber about one event. */
export interface NotificationDeliveryTable {
  id: Generated<number>;
  event_id: string;
  subscriber_id: string;
  channel: string;
  status: 'pending' | 'sending' | 'delivered' | 'failed' | 'parked';
  attempts: number;
  next_attempt_at: string;
  lease_owner: string | null;
  lease_expires_at: string | null;
  last_error: string | null;
  delivered_at: string | null;
  created_at: string;
  updated_at: string;
}

/** One try at a delivery, kept for the admin to see. */
export interface DeliveryAttemptTable {
  id: Generated<number>;
  delivery_id: number;
  subscriber_id: string;
  attempt: number;
  started_at: string;
  duration_ms: number;
  ok: number;
  status_code: number | null;
  error: string | null;
}

/** How many times a page's public content has changed; snapshots compare it to know they are stale. */
export interface PageVersionTable {
  page_id: string;
  version: number;
  changed_at: string;
}

/** The whole schema, as Kysely sees it. */
export interface Schema {
  pages: PageTable;
  component_groups: ComponentGroupTable;
  components: ComponentTable;
  segments: SegmentTable;
  status_sources: StatusSourceTable;
  incidents: IncidentTable;
  incident_updates: IncidentUpdateTable;
  incident_update_components: IncidentUpdateComponentTable;
  api_tokens: ApiTokenTable;
  audit_log: AuditLogTable;
  maintenances: MaintenanceTable;
  maintenance_components: MaintenanceComponentTable;
  maintenance_occurrences: MaintenanceOccurrenceTable;
  maintenance_updates: MaintenanceUpdateTable;
  page_versions: PageVersionTable;
  monitors: MonitorTable;
  monitor_states: MonitorStateTable;
  check_results: CheckResultTable;
  check_rollups: CheckRollupTable;
  monitor_leases: MonitorLeaseTable;
  instance_keys: InstanceKeyTable;
  subscribers: SubscriberTable;
  subscriber_components: SubscriberComponentTable;
  notification_events: NotificationEventTable;
  notification_deliveries: NotificationDeliveryTable;
  delivery_attempts: DeliveryAttemptTable;
}
