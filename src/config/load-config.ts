import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Config } from './config.js';

/** One thing wrong with the configuration, and how to fix it. */
export interface ConfigProblem {
  variable: string;
  problem: string;
  fix: string;
}

/** Every configuration problem found, reported together. */
export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(
      `Pharos cannot start: ${problems.length} configuration problem${problems.length === 1 ? '' : 's'}:\n` +
        problems.map((p) => `  - ${p.variable}: ${p.problem}\n    fix: ${p.fix}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

type Source = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Every variable Pharos reads; docs/configuration.md describes each and a test keeps the two in step. */
export const CONFIG_VARIABLES = [
  'PORT',
  'HOST',
  'PHAROS_DATA_DIR',
  'DATABASE_URL',
  'PHAROS_DB_POOL_SIZE',
  'PHAROS_PUBLIC_URL',
  'PHAROS_LOG_LEVEL',
  'PHAROS_BODY_LIMIT_BYTES',
  'PHAROS_TRUST_PROXY',
  'PHAROS_PAGE_NAME',
  'PHAROS_PAGE_TIME_ZONE',
  'PHAROS_MAINTENANCE_TICK_SECONDS',
  'PHAROS_HTTP_WORKERS',
  'PHAROS_MONITOR_CONCURRENCY',
  'PHAROS_RESULT_RETENTION_DAYS',
  'PHAROS_ROLLUP_MINUTE_RETENTION_DAYS',
  'PHAROS_ROLLUP_HOUR_RETENTION_DAYS',
  'PHAROS_ROLLUP_DAY_RETENTION_DAYS',
  'PHAROS_SMTP_URL',
  'PHAROS_SMTP_FROM',
  'PHAROS_ALERT_WEBHOOK_URL',
  'PHAROS_NOTIFY_ALLOW_PRIVATE_TARGETS',
  'PHAROS_NOTIFY_LEASE_SECONDS',
  'PHAROS_CONFIG',
] as const;

/**
 * Read the configuration from environment variables, over an optional JSON file named by
 * PHAROS_CONFIG whose keys are the same variable names. Environment variables win.
 */
export function loadConfig(env: Source, cwd: string = process.cwd()): Readonly<Config> {
  const problems: ConfigProblem[] = [];
  const source: Source = { ...readConfigFile(env.PHAROS_CONFIG, cwd, problems), ...definedOnly(env) };

  const known = new Set<string>(CONFIG_VARIABLES);
  for (const key of Object.keys(source)) {
    // PHAROS_TEST_* belongs to the test harness (docs/configuration.md), not to the server.
    if (key.startsWith('PHAROS_') && !key.startsWith('PHAROS_TEST_') && !known.has(key)) {
      problems.push({
        variable: key,
        problem: 'is not a Pharos setting',
        fix: `remove it or check the spelling against docs/configuration.md`,
      });
    }
  }

  const port = integer(source, 'PORT', 3000, 0, 65535, problems);
  const host = source.HOST?.trim() || '0.0.0.0';
  const databaseUrl = source.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push({
      variable: 'DATABASE_URL',
      problem: 'must be a PostgreSQL URL',
      fix: 'use postgres://user:password@host:5432/database, or unset it to use embedded SQLite in PHAROS_DATA_DIR',
    });
  }
  const publicUrl = (source.PHAROS_PUBLIC_URL?.trim() || `http://localhost:${port}`).replace(/\/+$/, '');
  if (!isHttpUrl(publicUrl)) {
    problems.push({
      variable: 'PHAROS_PUBLIC_URL',
      problem: `"${publicUrl}" is not an http(s) URL`,
      fix: 'set it to the address readers use, e.g. https://status.example.com',
    });
  }
  const logLevel = (source.PHAROS_LOG_LEVEL?.trim() || 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    problems.push({
      variable: 'PHAROS_LOG_LEVEL',
      problem: `"${logLevel}" is not a log level`,
      fix: `use one of ${LOG_LEVELS.join(', ')}`,
    });
  }
  const defaultPageTimeZone = source.PHAROS_PAGE_TIME_ZONE?.trim() || 'UTC';
  if (!isTimeZone(defaultPageTimeZone)) {
    problems.push({
      variable: 'PHAROS_PAGE_TIME_ZONE',
      problem: `"${defaultPageTimeZone}" is not an IANA time zone`,
      fix: 'use a name such as Europe/Paris, America/New_York or UTC',
    });
  }
  const smtpUrl = source.PHAROS_SMTP_URL?.trim() || null;
  if (smtpUrl && !/^smtps?:\/\/[^/]+/.test(smtpUrl)) {
    problems.push({
      variable: 'PHAROS_SMTP_URL',
      problem: 'must be an smtp:// or smtps:// URL',
      fix: 'use smtp://user:password@host:587 (STARTTLS) or smtps://user:password@host:465, or unset it to turn e-mail off',
    });
  }
  const smtpFrom = source.PHAROS_SMTP_FROM?.trim() || `Status <status@${safeHost(publicUrl)}>`;
  if (!/@[^@\s>]+>?$/.test(smtpFrom)) {
    problems.push({
      variable: 'PHAROS_SMTP_FROM',
      problem: `"${smtpFrom}" is not an e-mail address`,
      fix: 'use an address such as "Acme Status <status@example.com>"',
    });
  }
  const alertWebhookUrl = source.PHAROS_ALERT_WEBHOOK_URL?.trim() || null;
  if (alertWebhookUrl && !isHttpUrl(alertWebhookUrl)) {
    problems.push({
      variable: 'PHAROS_ALERT_WEBHOOK_URL',
      problem: `"${alertWebhookUrl}" is not an http(s) URL`,
      fix: 'set the URL that should receive operator alerts (monitor state changes, parked endpoints, failing post-maintenance validation) as JSON, or unset it',
    });
  }
  const config: Config = {
    port,
    host,
    dataDir: resolve(cwd, source.PHAROS_DATA_DIR?.trim() || 'data'),
    databaseUrl,
    dbPoolSize: integer(source, 'PHAROS_DB_POOL_SIZE', 10, 1, 200, problems),
    publicUrl,
    logLevel,
    bodyLimitBytes: integer(source, 'PHAROS_BODY_LIMIT_BYTES', 256 * 1024, 1024, 64 * 1024 * 1024, problems),
    trustProxy: boolean(source, 'PHAROS_TRUST_PROXY', false, problems),
    defaultPageName: source.PHAROS_PAGE_NAME?.trim() || 'Status',
    defaultPageTimeZone,
    maintenanceTickMs: integer(source, 'PHAROS_MAINTENANCE_TICK_SECONDS', 15, 1, 3600, problems) * 1000,
    httpWorkers: integer(source, 'PHAROS_HTTP_WORKERS', 1, 1, 64, problems),
    monitorConcurrency: integer(source, 'PHAROS_MONITOR_CONCURRENCY', 256, 1, 10_000, problems),
    resultRetentionDays: integer(source, 'PHAROS_RESULT_RETENTION_DAYS', 7, 1, 3650, problems),
    rollupMinuteRetentionDays: integer(source, 'PHAROS_ROLLUP_MINUTE_RETENTION_DAYS', 3, 1, 3650, problems),
    rollupHourRetentionDays: integer(source, 'PHAROS_ROLLUP_HOUR_RETENTION_DAYS', 90, 1, 3650, problems),
    rollupDayRetentionDays: integer(source, 'PHAROS_ROLLUP_DAY_RETENTION_DAYS', 365, 1, 36500, problems),
    smtpUrl,
    smtpFrom,
    alertWebhookUrl,
    notifyAllowPrivateTargets: boolean(source, 'PHAROS_NOTIFY_ALLOW_PRIVATE_TARGETS', false, problems),
    notifyLeaseMs: integer(source, 'PHAROS_NOTIFY_LEASE_SECONDS', 120, 2, 3600, problems) * 1000,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}

function definedOnly(env: Source): Source {
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
}

function readConfigFile(path: string | undefined, cwd: string, problems: ConfigProblem[]): Source {
  if (!path) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(resolve(cwd, path), 'utf8'));
  } catch (error) {
    problems.push({
      variable: 'PHAROS_CONFIG',
      problem: `cannot read ${path}: ${(error as Error).message}`,
      fix: 'point it at a readable JSON file, or unset it',
    });
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    problems.push({
      variable: 'PHAROS_CONFIG',
      problem: `${path} does not hold a JSON object`,
      fix: 'write an object such as {"PORT": 8080}',
    });
    return {};
  }
  const out: Source = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[key] = String(value);
    else
      problems.push({
        variable: key,
        problem: `in ${path} must be a string, number or boolean`,
        fix: 'write a plain value',
      });
  }
  return out;
}

function integer(
  source: Source,
  name: string,
  fallback: number,
  min: number,
  max: number,
  problems: ConfigProblem[],
): number {
  const raw = source[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    problems.push({
      variable: name,
      problem: `"${raw}" is not a whole number between ${min} and ${max}`,
      fix: `set a number in that range, or unset it for the default (${fallback})`,
    });
    return fallback;
  }
  return value;
}

function boolean(source: Source, name: string, fallback: boolean, problems: ConfigProblem[]): boolean {
  const raw = source[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  problems.push({ variable: name, problem: `"${raw}" is not a boolean`, fix: 'use true or false' });
  return fallback;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function safeHost(url: string): string {
  try {
    return new URL(url).hostname || 'localhost';
  } catch {
    return 'localhost';
  }
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
