import { newBase36Id, type AppContext } from '../app/context.js';
import { loadWatchCadences } from '../app/maintenance/watch-cadences.js';
import { checkHeartbeat } from '../app/monitors/record-heartbeat.js';
import { recordCheckResults, type RecordedBatch } from '../app/monitors/record-check-results.js';
import { releaseLease, tryAcquireLease } from '../store/leases-store.js';
import { listMonitors } from '../store/monitors-store.js';
import { newRollupCursor, rollUpResults, type HistoryRetention } from '../app/monitors/roll-up-results.js';
import { CheckScheduler } from './check-scheduler.js';
import { startSchedulerLoop } from './scheduler-loop.js';
import { createCheckRunner } from './run-check.js';

/** The server's own location name. */
export const LOCAL_LOCATION = 'local';

/**
 * The scheduler for location `local`: runs checks through `net/` (heartbeats from the database),
 * and reports each batch to `recordCheckResults`, which evaluates and applies transitions.
 */
export function createLocalScheduler(
  app: AppContext,
  options: { concurrency: number; onError: (e: unknown) => void; onBatch?: (batch: RecordedBatch) => void },
): CheckScheduler {
  return new CheckScheduler({
    location: LOCAL_LOCATION,
    now: () => app.now().getTime(),
    runCheck: createCheckRunner({ now: app.now, heartbeat: (m) => checkHeartbeat(app, m) }),
    loadMonitors: () => listMonitors(app.db),
    // A maintenance watch (after a window completes) runs its components' monitors more often.
    loadCadences: () => loadWatchCadences(app),
    newId: app.newId,
    concurrency: options.concurrency,
    onError: options.onError,
    report: async (batch) => {
      const known = new Map(batch.map((r) => [r.monitor.id, r.monitor]));
      const recorded = await recordCheckResults(
        app,
        batch.map((r) => ({ id: r.id, monitorId: r.monitor.id, location: r.location, result: r.result })),
        known,
      );
      options.onBatch?.(recorded);
      return recorded.recheck;
    },
  });
}

/** The server's monitoring: the local scheduler's loop, roll-ups and retention, operator alerts. */
export interface LocalMonitoring {
  scheduler: CheckScheduler;
  /** Stops starting checks, waits for those in flight and reports them (a drain). */
  stop(): Promise<void>;
}

const ROLLUP_EVERY_MS = 60_000;

/** Start monitoring from location `local` until stopped (or until `signal` aborts). */
export function startLocalMonitoring(
  app: AppContext,
  options: {
    signal: AbortSignal;
    concurrency: number;
    retention: HistoryRetention;
    reloadMs?: number;
    log: {
      error: (error: unknown, message: string) => void;
      info: (fields: object, message: string) => void;
      warn: (fields: object, message: string) => void;
    };
  },
): LocalMonitoring {
  const onError = (error: unknown) => options.log.error(error, 'monitoring step failed; retrying');
  const scheduler = createLocalScheduler(app, {
    concurrency: options.concurrency,
    onError,
    onBatch: (batch) => {
      for (const { monitor, transition } of batch.transitions) {
        options.log.info(
          { monitor: monitor.id, from: transition.from, to: transition.to, reason: transition.reason },
          'monitor changed state',
        );
      }
    },
  });
  const lease = holdLocalLease(app, scheduler, options.signal, onError);
  const loop = startSchedulerLoop(scheduler, { signal: options.signal, reloadMs: options.reloadMs ?? 5000, onError });
  // Roll-ups are idempotent upserts, so a slow run overlapping the next one does no harm; skip it anyway.
  let rolling: Promise<unknown> | null = null;
  const cursor = newRollupCursor();
  const rollup = setInterval(() => {
    rolling ??= rollUpResults(app, options.retention, cursor)
      .catch(onError)
      .finally(() => (rolling = null));
  }, ROLLUP_EVERY_MS);
  options.signal.addEventListener('abort', () => clearInterval(rollup), { once: true });
  return {
    scheduler,
    async stop() {
      await loop.stop();
      await rolling;
      await lease.release();
    },
  };
}

const LEASE_NAME = 'local-checks';
const LEASE_TTL_MS = 30_000;
const LEASE_RENEW_MS = 10_000;

/**
 * Only one node runs location `local`: it holds a lease in the database (renewed every 10 s, valid
 * 30 s). Other nodes keep their scheduler idle and take over within 30 s of the holder stopping.
 */
function holdLocalLease(
  app: AppContext,
  scheduler: CheckScheduler,
  signal: AbortSignal,
  onError: (e: unknown) => void,
): { release(): Promise<void> } {
  const holder = newBase36Id();
  let lastHeld = Number.NEGATIVE_INFINITY;
  scheduler.setActive(false);
  const renew = async () => {
    const now = Date.now();
    try {
      const held = await tryAcquireLease(app.db, {
        name: LEASE_NAME,
        holder,
        now: new Date(now).toISOString(),
        expiresAt: new Date(now + LEASE_TTL_MS).toISOString(),
      });
      if (held) lastHeld = now;
      scheduler.setActive(held);
    } catch (error) {
      onError(error);
      // Without the database we cannot know; stop once our lease has certainly run out.
      if (now - lastHeld > LEASE_TTL_MS) scheduler.setActive(false);
    }
  };
  let renewing = renew();
  const timer = setInterval(() => {
    renewing = renew();
  }, LEASE_RENEW_MS);
  signal.addEventListener('abort', () => clearInterval(timer), { once: true });
  return {
    async release() {
      clearInterval(timer);
      await renewing;
      scheduler.setActive(false);
      await releaseLease(app.db, LEASE_NAME, holder).catch(onError);
    },
  };
}
