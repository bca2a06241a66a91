import type { AppContext } from '../context.js';
import { runMaintenanceClock, type ClockDeps, type ClockTick } from './run-maintenance-clock.js';

const MATERIALIZE_EVERY_MS = 60 * 60_000;

/** A running maintenance clock; `stop()` waits for the tick in flight. */
export interface MaintenanceLoop {
  stop(): Promise<void>;
}

/**
 * Tick the maintenance clock every `intervalMs` until stopped. A failed tick (the database away) is
 * reported and retried on the next tick; transitions are idempotent, so nothing is lost or doubled.
 */
export function startMaintenanceLoop(
  app: AppContext,
  options: {
    intervalMs: number;
    deps: ClockDeps;
    onTick?: (tick: ClockTick) => void;
    onError: (error: unknown) => void;
  },
): MaintenanceLoop {
  const controller = new AbortController();
  let inFlight: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let lastMaterialized = Number.NEGATIVE_INFINITY;

  const tick = () => {
    if (controller.signal.aborted) return;
    const startedAt = app.now().getTime();
    const materialize = startedAt - lastMaterialized >= MATERIALIZE_EVERY_MS;
    inFlight = runMaintenanceClock(app, { ...options.deps, materialize })
      .then((result) => {
        // Only a tick that succeeded counts: a failed one is materialized again on the next tick.
        if (materialize) lastMaterialized = startedAt;
        options.onTick?.(result);
      }, options.onError)
      .finally(() => {
        if (!controller.signal.aborted) timer = setTimeout(tick, options.intervalMs);
      });
  };
  timer = setTimeout(tick, 0);

  return {
    async stop() {
      controller.abort();
      if (timer) clearTimeout(timer);
      await inFlight;
    },
  };
}
