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
  source_type: 'manual' | 'incident' | 'maintenance';
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
}
