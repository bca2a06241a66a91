import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { createAppContext } from '../app/context.js';
import { createToken } from '../app/tokens/create-token.js';
import { listTokens } from '../app/tokens/list-tokens.js';
import { revokeToken } from '../app/tokens/revoke-token.js';
import { ConfigError, loadConfig } from '../config/load-config.js';
import type { Config } from '../config/config.js';
import { DomainError } from '../core/errors.js';
import type { Actor, Role } from '../core/model.js';
import { createLogger, openMigratedDatabase, startServer } from '../main.js';
import type { AppContext } from '../app/context.js';
import { startClusteredServer } from '../cluster-server.js';
import { runExportCommand } from './export-command.js';
import { runMaintenanceCommand } from './maintenance-command.js';
import { runMonitorCommand } from './monitor-command.js';
import { runProbeCommand } from './probe-command.js';
import { ensureDefaultPage } from '../app/pages/ensure-default-page.js';

const HELP = `Usage: pharos <command> [options]

Commands:
  serve                              Start Pharos (API and public pages); migrates first
  migrate                            Apply database migrations and exit
  token create --name NAME --role ROLE
                                     Create an API token (roles: admin, editor, viewer, probe);
                                     prints the token once on stdout
  token list                         List tokens (never their secrets)
  token revoke ID                    Revoke a token
  maintenance list|create|edit|delete
                                     Schedule maintenance (one-off or recurring);
                                     \`pharos maintenance\` shows the options
  export --out DIR [--page SLUG]     Write the public page (HTML, feeds, JSON) as static files
                                     for nginx or a CDN; docs/operations.md shows how
  monitor list|create|delete         Manage monitors; \`pharos monitor\` shows the options
  probe --server URL --token T --location NAME [--spool FILE]
                                     Run checks from another place and report them
                                     (token from \`token create --role probe\`)

Configuration comes from environment variables (see docs/configuration.md):
  PORT, HOST, PHAROS_DATA_DIR, DATABASE_URL, PHAROS_PUBLIC_URL, PHAROS_LOG_LEVEL, ...
`;

/** Run the CLI; returns the process exit code. */
export async function runCli(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(HELP);
    return command ? 0 : 2;
  }
  if (command === '--version' || command === 'version') {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    process.stdout.write(`${pkg.version}\n`);
    return 0;
  }
  let config: Readonly<Config>;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 78;
    }
    throw error;
  }
  switch (command) {
    case 'serve':
      return serve(config);
    case 'migrate':
      return migrate(config);
    case 'token':
      return token(config, rest);
    case 'export':
      return withApp(config, (app) => runExportCommand(app, config, rest, (text) => process.stdout.write(text)));
    case 'monitor':
      return withApp(config, (app) =>
        runMonitorCommand(app, cliActor(), rest, (text) => process.stdout.write(text), config.publicUrl),
      );
    case 'probe':
      return runProbeCommand(rest, {
        info: (text) => process.stderr.write(text),
        error: (text) => process.stderr.write(text),
      });
    case 'maintenance':
      return withApp(config, (app) =>
        runMaintenanceCommand(app, cliActor(), rest, (text) => process.stdout.write(text)),
      );
    default:
      process.stderr.write(`Unknown command "${command}".\n\n${HELP}`);
      return 2;
  }
}

async function serve(config: Readonly<Config>): Promise<number> {
  const logger = createLogger(config);
  const server =
    config.httpWorkers > 1 ? await startClusteredServer(config, logger) : await startServer(config, logger);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.info({ signal }, 'shutting down');
      resolve();
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  await server.close();
  return 0;
}

async function migrate(config: Readonly<Config>): Promise<number> {
  const logger = createLogger(config);
  const database = await openMigratedDatabase(config, logger);
  await database.close();
  return 0;
}

function cliActor(): Actor {
  // Whoever can run the CLI against the data directory or DATABASE_URL already holds the data.
  return { type: 'cli', id: null, name: `cli:${userInfo().username}`, role: 'admin' };
}

async function token(config: Readonly<Config>, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    options: { name: { type: 'string' }, role: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  return withApp(config, async (app) => {
    if (sub === 'create') {
      if (!values.name || !values.role) {
        process.stderr.write('Usage: pharos token create --name NAME --role admin|editor|viewer|probe\n');
        return 2;
      }
      const created = await createToken(app, cliActor(), { name: values.name, role: values.role as Role });
      process.stderr.write(
        `Created ${created.token.role} token "${created.token.name}" (id ${created.token.id}). It is shown only once:\n`,
      );
      process.stdout.write(`${created.secret}\n`);
      return 0;
    }
    if (sub === 'list') {
      for (const t of await listTokens(app, cliActor())) {
        process.stdout.write(
          `${t.id}\t${t.role}\t${t.revokedAt ? 'revoked' : 'active'}\t${t.lastUsedAt ?? 'never used'}\t${t.name}\n`,
        );
      }
      return 0;
    }
    if (sub === 'revoke' && positionals[0]) {
      const revoked = await revokeToken(app, cliActor(), positionals[0]);
      process.stderr.write(`Revoked token ${revoked.id} ("${revoked.name}").\n`);
      return 0;
    }
    process.stderr.write('Usage: pharos token create|list|revoke\n');
    return 2;
  });
}

/** Run a command against the database named by the configuration; domain errors print their code. */
async function withApp(config: Readonly<Config>, work: (app: AppContext) => Promise<number>): Promise<number> {
  const database = await openMigratedDatabase(config, createLogger({ logLevel: 'warn' }));
  try {
    const app = createAppContext(database.db, database.dialect);
    await ensureDefaultPage(app, { name: config.defaultPageName, timeZone: config.defaultPageTimeZone });
    return await work(app);
  } catch (error) {
    if (error instanceof DomainError) {
      process.stderr.write(`${error.code}: ${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await database.close();
  }
}
