import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';
import { createAppContext } from './app/context.js';
import type { Config } from './config/config.js';
import type { SnapshotRegistry } from './http/public/snapshot/snapshot-registry.js';
import { startHttp, startServer } from './main.js';
import { openDatabase } from './store/database.js';

// Both cores for the public page (PHAROS_HTTP_WORKERS > 1). The primary migrates, ensures the
// default page and runs every background loop exactly once; it serves no HTTP. Each worker shares
// the listening port through the cluster module and serves HTTP with its own public snapshots,
// which learn of writes made elsewhere (the primary's loops, other workers) from the page change
// counters within a second.

/** A running process of a clustered server. */
export interface ClusteredServer {
  url: string;
  close(): Promise<void>;
}

/** Start the primary (which forks the workers) or, in a worker, the HTTP side. */
export function startClusteredServer(config: Config, logger: Logger): Promise<ClusteredServer> {
  return cluster.isPrimary ? startPrimary(config, logger) : startWorker(config, logger);
}

async function startPrimary(config: Config, logger: Logger): Promise<ClusteredServer> {
  const server = await startServer(config, logger, { serveHttp: false });
  const workers = new Set<Worker>();
  let stopping = false;
  const fork = (): Promise<string> =>
    new Promise((resolve) => {
      const worker = cluster.fork();
      workers.add(worker);
      worker.once('listening', (address) => resolve(`http://127.0.0.1:${address.port}`));
      worker.once('exit', (code, signal) => {
        workers.delete(worker);
        if (stopping) return;
        // A worker holds no state of its own: replace it and carry on.
        logger.error({ pid: worker.process.pid, code, signal }, 'HTTP worker exited; starting another');
        void fork();
      });
    });
  const urls = await Promise.all(Array.from({ length: config.httpWorkers }, fork));
  const url = urls[0]!;
  logger.info({ url, workers: config.httpWorkers }, 'Pharos is listening');
  return {
    url,
    async close() {
      stopping = true;
      await Promise.all(
        [...workers].map(
          (worker) =>
            new Promise<void>((resolve) => {
              worker.once('exit', () => resolve());
              worker.process.kill('SIGTERM');
            }),
        ),
      );
      await server.close();
    },
  };
}

async function startWorker(config: Config, logger: Logger): Promise<ClusteredServer> {
  const database = openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.dbPoolSize,
  });
  let snapshots: SnapshotRegistry | null = null;
  const app = createAppContext(database.db, database.dialect, {
    onPageChanged: (pageId) => snapshots?.pageChanged(pageId),
  });
  const started = await startHttp(app, config, logger);
  snapshots = started.snapshots;
  return {
    url: started.url,
    async close() {
      await started.http.close();
      await started.snapshots.stop();
      await database.close();
      // The IPC channel to the primary would keep this process alive.
      cluster.worker?.disconnect();
    },
  };
}
