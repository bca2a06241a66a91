import type { FastifyInstance } from 'fastify';
import { pino, type Logger } from 'pino';
import { createAppContext, type AppContext } from './app/context.js';
import { startMaintenanceLoop } from './app/maintenance/maintenance-loop.js';
import { ensureDefaultPage } from './app/pages/ensure-default-page.js';
import type { Config } from './config/config.js';
import { createHttpServer } from './http/server.js';
import { checkHttp } from './net/http-check.js';
import { openDatabase, type Database } from './store/database.js';
import { migrateToLatest } from './store/migrate.js';

/** A running Pharos server. */
export interface RunningServer {
  http: FastifyInstance;
  app: AppContext;
  database: Database;
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
export async function startServer(config: Config, logger: Logger = createLogger(config)): Promise<RunningServer> {
  const database = await openMigratedDatabase(config, logger);
  const app = createAppContext(database.db, database.dialect);
  await ensureDefaultPage(app, { name: config.defaultPageName, timeZone: config.defaultPageTimeZone });
  const http = await createHttpServer({ app, config, logger });
  const address = await http.listen({ port: config.port, host: config.host });
  const url = address.replace('0.0.0.0', '127.0.0.1').replace('[::]', '127.0.0.1');
  const tokens = await database.db
    .selectFrom('api_tokens')
    .select('id')
    .where('revoked_at', 'is', null)
    .limit(1)
    .execute();
  if (tokens.length === 0) {
    logger.warn('No API token exists yet. Create one with: bin/pharos token create --name admin --role admin');
  }
  const maintenanceLoop = startMaintenanceLoop(app, {
    intervalMs: config.maintenanceTickMs,
    deps: { checkUrl: (url) => checkHttp(url, { timeoutMs: 10_000, now: app.now }) },
    onTick: (tick) => {
      // Operator alert until the notification channels land (issue 6): the log says what failed.
      for (const v of tick.verifications.filter((x) => !x.check.ok)) {
        logger.warn(
          { occurrence: v.occurrenceId, reason: v.check.reason, outcome: v.outcome },
          'post-maintenance validation failing',
        );
      }
      if (tick.transitions.length > 0) logger.info({ transitions: tick.transitions }, 'maintenance windows moved');
    },
    onError: (error) => logger.error({ err: error }, 'maintenance clock tick failed; retrying on the next tick'),
  });
  logger.info({ url }, 'Pharos is listening');
  return {
    http,
    app,
    database,
    url,
    async close() {
      await maintenanceLoop.stop();
      await http.close();
      await database.close();
    },
  };
}
