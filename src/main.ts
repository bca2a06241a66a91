import { hostname } from 'node:os';
import type { FastifyInstance } from 'fastify';
import { pino, type Logger } from 'pino';
import { createAppContext, type AppContext } from './app/context.js';
import { startMaintenanceLoop } from './app/maintenance/maintenance-loop.js';
import { ensureDefaultPage } from './app/pages/ensure-default-page.js';
import { syncAlertWebhook } from './app/subscribers/sync-alert-webhook.js';
import { startLocalMonitoring, type LocalMonitoring } from './checks/local-monitoring.js';
import type { Config } from './config/config.js';
import { createPublicSnapshots } from './http/public/public-snapshots.js';
import type { SnapshotRegistry } from './http/public/snapshot/snapshot-registry.js';
import { createHttpServer } from './http/server.js';
import { checkHttp } from './net/http-check.js';
import { createChannels } from './notify/create-channels.js';
import { startDispatcher } from './notify/dispatcher.js';
import { openDatabase, type Database } from './store/database.js';
import { migrateToLatest } from './store/migrate.js';

/** A running Pharos server. */
export interface RunningServer {
  /** Null in a cluster's primary, which serves no HTTP itself. */
  http: FastifyInstance | null;
  app: AppContext;
  database: Database;
  /** The local check scheduler (figures for operators and the bench). */
  monitoring: LocalMonitoring;
  /** The address it listens on, e.g. http://127.0.0.1:3000. */
  url: string;
  close(): Promise<void>;
}

/** The process logger; secrets are redacted wherever they could appear. */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.secret', '*.token'],
      censor: '[redacted]',
    },
  });
}

/** Open the database named by the configuration and bring its schema up to date. */
export async function openMigratedDatabase(config: Config, logger: Logger): Promise<Database> {
  const database = openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.dbPoolSize,
  });
  const applied = await migrateToLatest(database);
  logger.info({ database: database.location, dialect: database.dialect, applied }, 'database ready');
  return database;
}

/**
 * Wire everything together and start listening: the only place that knows every layer.
 * Migrations run first; concurrent starts on PostgreSQL are serialised by the migrator's lock.
 */
export async function startServer(
  config: Config,
  logger: Logger = createLogger(config),
  options: { serveHttp?: boolean } = {},
): Promise<RunningServer> {
  const database = await openMigratedDatabase(config, logger);
  // The snapshot layer learns of every local write through onPageChanged (bound once it exists).
  let snapshots: SnapshotRegistry | null = null;
  const app = createAppContext(database.db, database.dialect, {
    onPageChanged: (pageId) => snapshots?.pageChanged(pageId),
  });
  await ensureDefaultPage(app, { name: config.defaultPageName, timeZone: config.defaultPageTimeZone });
  app.alertWebhookUrl = config.alertWebhookUrl;
  await syncAlertWebhook(app, config.alertWebhookUrl);
  let http: FastifyInstance | null = null;
  let url = '';
  if (options.serveHttp !== false) {
    ({ http, snapshots, url } = await startHttp(app, config, logger));
  }
  const tokens = await database.db
    .selectFrom('api_tokens')
    .select('id')
    .where('revoked_at', 'is', null)
    .limit(1)
    .execute();
  if (tokens.length === 0) {
    logger.warn('No API token exists yet. Create one with: bin/pharos token create --name admin --role admin');
  }
  const stopMonitoring = new AbortController();
  const monitoring = startLocalMonitoring(app, {
    signal: stopMonitoring.signal,
    concurrency: config.monitorConcurrency,
    retention: {
      rawDays: config.resultRetentionDays,
      minuteDays: config.rollupMinuteRetentionDays,
      hourDays: config.rollupHourRetentionDays,
      dayDays: config.rollupDayRetentionDays,
    },
    log: {
      error: (err, message) => logger.error({ err }, message),
      info: (fields, message) => logger.info(fields, message),
      warn: (fields, message) => logger.warn(fields, message),
    },
  });
  const maintenanceLoop = startMaintenanceLoop(app, {
    intervalMs: config.maintenanceTickMs,
    deps: {
      checkUrl: (url) => checkHttp(url, { timeoutMs: 10_000, now: app.now }),
      // Validation monitors run at once rather than at their next interval (this node's checks).
      recheckMonitors: (ids) => monitoring.scheduler.checkSoon(ids),
    },
    onTick: (tick) => {
      // The team hears of the first failure through the outbox (operator alert); the log keeps each one.
      for (const v of tick.verifications.filter((x) => !x.check.ok)) {
        logger.warn(
          { occurrence: v.occurrenceId, reason: v.check.reason, outcome: v.outcome },
          'post-maintenance validation failing',
        );
      }
      for (const w of (tick.watches ?? []).filter((x) => x.outcome.startsWith('incident'))) {
        logger.warn(
          { occurrence: w.occurrenceId, reason: w.check.reason },
          'failure during the watch after maintenance',
        );
      }
      if (tick.transitions.length > 0) logger.info({ transitions: tick.transitions }, 'maintenance windows moved');
    },
    onError: (error) => logger.error({ err: error }, 'maintenance clock tick failed; retrying on the next tick'),
  });
  const dispatcher = startDispatcher(app, {
    channels: createChannels(config),
    publicUrl: config.publicUrl,
    owner: `${hostname()}:${process.pid}`,
    leaseMs: config.notifyLeaseMs,
    onError: (error) => logger.error({ err: error }, 'notification dispatch failed; retrying'),
    onQuarantine: (subscriber) => {
      // The address is the endpoint URL, which may carry a token of the subscriber's: log the id only.
      logger.warn(
        { subscriber: subscriber.id, type: subscriber.type },
        'subscriber endpoint parked after repeated failures',
      );
    },
  });
  app.onNotificationQueued = () => dispatcher.wake();
  if (http) logger.info({ url }, 'Pharos is listening');
  return {
    http,
    app,
    database,
    monitoring,
    url,
    async close() {
      stopMonitoring.abort();
      await monitoring.stop();
      await maintenanceLoop.stop();
      await http?.close();
      await dispatcher.stop();
      await snapshots?.stop();
      await database.close();
    },
  };
}

/** The HTTP side of a process: public snapshots and the server, listening. */
export async function startHttp(
  app: AppContext,
  config: Config,
  logger: Logger,
): Promise<{ http: FastifyInstance; snapshots: SnapshotRegistry; url: string }> {
  const snapshots = createPublicSnapshots(app, { publicUrl: config.publicUrl, logger });
  await snapshots.start();
  const http = await createHttpServer({ app, config, logger, snapshots });
  const address = await http.listen({ port: config.port, host: config.host });
  return { http, snapshots, url: address.replace('0.0.0.0', '127.0.0.1').replace('[::]', '127.0.0.1') };
}
