/** Pharos configuration, validated once at start-up and frozen. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** `postgres://…` when PostgreSQL is used; `null` for embedded SQLite in `dataDir`. */
  databaseUrl: string | null;
  dbPoolSize: number;
  /** Base URL for links Pharos writes (page URLs in JSON, later e-mails). */
  publicUrl: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  bodyLimitBytes: number;
  trustProxy: boolean;
  /** Name and time zone of the page created on first start. */
  defaultPageName: string;
  defaultPageTimeZone: string;
  /** How often the maintenance clock looks for windows to start or end. */
  maintenanceTickMs: number;
  /** HTTP worker processes; 1 = one process does everything, more = a primary for background work plus workers. */
  httpWorkers: number;
  /** How many monitor checks the local scheduler runs at once at most. */
  monitorConcurrency: number;
  /** How long raw check results are kept. */
  resultRetentionDays: number;
  /** How long per-minute, per-hour and per-day roll-ups of results are kept. */
  rollupMinuteRetentionDays: number;
  rollupHourRetentionDays: number;
  rollupDayRetentionDays: number;
  /** SMTP relay for e-mail notifications (`smtp://user:pass@host:587`); null: e-mail is off. */
  smtpUrl: string | null;
  /** From address of notification e-mails. */
  smtpFrom: string;
  /** Generic JSON webhook for operator alerts (a monitor changing state, a subscriber endpoint parked…); null: none. */
  alertWebhookUrl: string | null;
  /** Let subscriber webhooks reach loopback and private addresses (intranets, tests). */
  notifyAllowPrivateTargets: boolean;
  /** How long a node holds deliveries it claimed before another node (or its restarted self) may retry them. */
  notifyLeaseMs: number;
}
