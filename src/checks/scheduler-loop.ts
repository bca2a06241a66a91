import type { CheckScheduler } from './check-scheduler.js';

/** A running scheduler loop; `stop()` waits for checks in flight and reports their results. */
export interface SchedulerLoop {
  stop(): Promise<void>;
}

/**
 * Drive a scheduler with timers until `signal` aborts: start due checks every `tickMs`, report
 * results every `flushMs`, reload the monitor list every `reloadMs`. On abort it starts nothing
 * new, lets running checks finish (each has its own timeout) and reports them: a drain.
 */
export function startSchedulerLoop(
  scheduler: CheckScheduler,
  options: { signal: AbortSignal; tickMs?: number; flushMs?: number; reloadMs: number; onError: (e: unknown) => void },
): SchedulerLoop {
  const { signal } = options;
  let flushing: Promise<void> = Promise.resolve();
  let reloading: Promise<void> = scheduler.reload().catch(options.onError);
  let flushBusy = false;
  let reloadBusy = false;
  const tick = setInterval(() => scheduler.pump(), options.tickMs ?? 20);
  const flush = setInterval(() => {
    if (flushBusy) return;
    flushBusy = true;
    flushing = scheduler
      .flush()
      .catch(options.onError)
      .finally(() => (flushBusy = false));
  }, options.flushMs ?? 250);
  const reload = setInterval(() => {
    if (reloadBusy) return;
    reloadBusy = true;
    reloading = scheduler
      .reload()
      .catch(options.onError)
      .finally(() => (reloadBusy = false));
  }, options.reloadMs);
  const stopped = new Promise<void>((resolve) => {
    const stop = async () => {
      clearInterval(tick);
      clearInterval(flush);
      clearInterval(reload);
      await Promise.all([flushing, reloading]);
      await scheduler.settle();
      await scheduler.flush().catch(options.onError);
      resolve();
    };
    if (signal.aborted) void stop();
    else signal.addEventListener('abort', () => void stop(), { once: true });
  });
  return { stop: () => stopped };
}
