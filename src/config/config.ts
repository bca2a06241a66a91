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
}
