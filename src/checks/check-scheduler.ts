import { createHash } from 'node:crypto';
import type { CheckResult } from '../core/model.js';
import { policyOf, runEveryMs, type Monitor } from '../core/monitor-definition.js';
import type { EvaluationPolicy } from '../core/monitor-evaluation.js';
import { DueQueue } from './due-queue.js';
import type { CheckRunner } from './run-check.js';

/** A result this scheduler produced, waiting to be reported. */
export interface ScheduledResult {
  id: string;
  monitor: Monitor;
  location: string;
  result: CheckResult;
}

/** How the scheduler reaches the rest of Pharos (the server's ingest, or a probe's upload buffer). */
export interface SchedulerDeps {
  location: string;
  /** Epoch ms; a test clock in tests. */
  now: () => number;
  runCheck: CheckRunner;
  /** The monitors this location should run (the scheduler filters by location and paused). */
  loadMonitors: () => Promise<Monitor[]>;
  /**
   * Monitors to run more often than their interval for now, by id, in ms: those a maintenance
   * watches after completing. Read with each reload; absent means none.
   */
  loadCadences?: () => Promise<ReadonlyMap<string, number>>;
  /**
   * Hand over a batch of results; resolves with the ids of monitors to re-check promptly (a failure
   * not yet confirmed somewhere: `nextCheckAt`). Throwing keeps the batch for the next flush.
   */
  report: (batch: ScheduledResult[]) => Promise<ReadonlySet<string>>;
  newId: () => string;
  /** Checks running at once at most; beyond it, due checks wait (and count as late). */
  concurrency: number;
  onError: (error: unknown) => void;
}

/** Figures for operators and the bench. */
export interface SchedulerStats {
  /** False while another node holds this location's lease. */
  active: boolean;
  monitors: number;
  running: number;
  checksRun: number;
  /** Start time minus due time of recent checks (ms), newest last, at most 10,000. */
  lateness: number[];
  pendingResults: number;
}

interface Entry {
  monitor: Monitor;
  policy: EvaluationPolicy;
  /** How often it runs now: its interval, or sooner while a maintenance watch asks for it. */
  everyMs: number;
  dueAt: number;
  /** When its latest run started (epoch ms), to space prompt re-checks. */
  lastStartAt: number | null;
  generation: number;
  /** Running, or ran and waiting for its result to be reported: not in the queue. */
  busy: boolean;
  /** The last report asked for a prompt re-check. */
  prompt: boolean;
}

const MAX_PENDING = 50_000;
const MAX_LATENESS_SAMPLES = 10_000;

/**
 * Runs monitors when they are due: each first run is spread over its interval by a hash of its id
 * (jitter that survives restarts), a monitor is never run twice at once (it leaves the queue until
 * its result is reported), at most `concurrency` checks run together, and the next run is one
 * interval after the previous due time (so load does not make the schedule drift), or sooner
 * while a failure is unconfirmed (the report says so). The caller drives it: `pump()` starts what is due,
 * `flush()` reports finished results. `startSchedulerLoop` drives it with timers.
 */
export class CheckScheduler {
  private readonly entries = new Map<string, Entry>();
  private readonly queue = new DueQueue();
  private readonly running = new Set<Promise<void>>();
  private pending: { entry: Entry; result: ScheduledResult; dueAt: number }[] = [];
  private retry: ScheduledResult[] = [];
  private checksRun = 0;
  private lateness: number[] = [];
  private generation = 0;
  private active = true;

  constructor(private readonly deps: SchedulerDeps) {}

  /** Load the monitor list again: new monitors join (spread), edited ones are rescheduled, removed ones leave. */
  async reload(): Promise<void> {
    const monitors = (await this.deps.loadMonitors()).filter(
      (m) => !m.paused && m.locations.includes(this.deps.location),
    );
    const cadences = (await this.deps.loadCadences?.()) ?? new Map<string, number>();
    const seen = new Set<string>();
    const now = this.deps.now();
    for (const monitor of monitors) {
      seen.add(monitor.id);
      const existing = this.entries.get(monitor.id);
      const everyMs = Math.min(runEveryMs(monitor), cadences.get(monitor.id) ?? Number.POSITIVE_INFINITY);
      if (existing && existing.monitor.updatedAt === monitor.updatedAt) {
        if (existing.everyMs !== everyMs) this.changeCadence(existing, everyMs, now);
        continue;
      }
      const entry: Entry = {
        monitor,
        policy: policyOf(monitor),
        everyMs,
        dueAt: now + spread(monitor.id, everyMs),
        lastStartAt: existing?.lastStartAt ?? null,
        generation: ++this.generation,
        busy: existing?.busy ?? false,
        prompt: existing?.prompt ?? false,
      };
      this.entries.set(monitor.id, entry);
      if (!entry.busy) this.queue.push(entry.dueAt, monitor.id, entry.generation);
    }
    for (const id of this.entries.keys()) if (!seen.has(id)) this.entries.delete(id);
  }

  /**
   * Run checks or not (another node holds the lease for this location). While inactive nothing
   * starts; checks already running finish and are reported.
   */
  setActive(active: boolean): void {
    this.active = active;
  }

  /**
   * Run these monitors promptly (a maintenance window waiting for its validation monitors), but
   * never sooner than `recheckMs` after their previous run. Monitors running now, unknown here or
   * already due sooner are left as they are.
   */
  checkSoon(monitorIds: readonly string[]): void {
    const now = this.deps.now();
    for (const id of monitorIds) {
      const entry = this.entries.get(id);
      if (!entry || entry.busy) continue;
      const at = Math.max(now, (entry.lastStartAt ?? now) + entry.policy.recheckMs);
      if (at >= entry.dueAt) continue;
      this.requeue(entry, at);
    }
  }

  /** Start every due check there is room for. Returns when they have started, not finished. */
  pump(): void {
    if (!this.active) return;
    const now = this.deps.now();
    while (this.running.size < this.deps.concurrency) {
      const at = this.queue.peekAt();
      if (at === null || at > now) return;
      const item = this.queue.pop()!;
      const entry = this.entries.get(item.key);
      if (!entry || entry.generation !== item.generation || entry.busy) continue;
      this.start(entry, now);
    }
  }

  /** When the next queued check is due (epoch ms), or null. */
  nextDueAt(): number | null {
    return this.queue.peekAt();
  }

  /** Wait for the checks in flight to finish (their results then wait for `flush`). */
  async settle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  /**
   * Report finished results (and any that failed to report before) as one batch, then queue each
   * monitor again. When reporting fails the results are kept, bounded, for the next flush.
   */
  async flush(): Promise<void> {
    if (this.pending.length === 0 && this.retry.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    const results = [...this.retry, ...batch.map((p) => p.result)];
    this.retry = [];
    let prompt: ReadonlySet<string> = new Set();
    try {
      prompt = await this.deps.report(results);
    } catch (error) {
      this.deps.onError(error);
      this.retry = results.slice(-MAX_PENDING);
    }
    for (const { entry, dueAt } of batch) {
      entry.prompt = prompt.has(entry.monitor.id);
      entry.busy = false;
      const current = this.entries.get(entry.monitor.id);
      if (current !== entry) {
        // Edited while it ran: the new definition waited for this run to end; queue it now.
        if (current?.busy) {
          current.busy = false;
          this.queue.push(current.dueAt, current.monitor.id, current.generation);
        }
        continue;
      }
      entry.dueAt = this.nextRun(entry, dueAt);
      this.queue.push(entry.dueAt, entry.monitor.id, entry.generation);
    }
  }

  /** Figures for the bench and logs; `lateness` is handed over and reset. */
  takeStats(): SchedulerStats {
    const lateness = this.lateness;
    this.lateness = [];
    return {
      active: this.active,
      monitors: this.entries.size,
      running: this.running.size,
      checksRun: this.checksRun,
      lateness,
      pendingResults: this.pending.length + this.retry.length,
    };
  }

  /** A watch began or ended: run at the new pace, sooner at once when it is faster. */
  private changeCadence(entry: Entry, everyMs: number, now: number): void {
    entry.everyMs = everyMs;
    if (entry.busy) return;
    const sooner = (entry.lastStartAt ?? now) + everyMs;
    if (sooner < entry.dueAt) this.requeue(entry, Math.max(now, sooner));
  }

  /** Queue an idle entry at a new due time; its older queue item becomes stale. */
  private requeue(entry: Entry, dueAt: number): void {
    entry.dueAt = dueAt;
    entry.generation = ++this.generation;
    this.queue.push(dueAt, entry.monitor.id, entry.generation);
  }

  private start(entry: Entry, now: number): void {
    entry.busy = true;
    entry.lastStartAt = now;
    const dueAt = entry.dueAt;
    this.recordLateness(now - dueAt);
    const run: Promise<void> = this.deps
      .runCheck(entry.monitor)
      .catch((error: unknown): CheckResult => {
        this.deps.onError(error);
        return { ok: false, reason: 'check crashed', ms: 0, at: new Date(this.deps.now()).toISOString() };
      })
      .then((result) => {
        this.checksRun++;
        this.pending.push({
          entry,
          dueAt,
          result: { id: this.deps.newId(), monitor: entry.monitor, location: this.deps.location, result },
        });
      })
      .finally(() => this.running.delete(run));
    this.running.add(run);
  }

  private nextRun(entry: Entry, dueAt: number): number {
    const p = entry.policy;
    const every = entry.everyMs;
    const next = dueAt + (entry.prompt ? Math.min(p.recheckMs, every) : every);
    // Far behind (the process was suspended, the database away): start again from now, no burst.
    const now = this.deps.now();
    return next < now - every ? now + spread(entry.monitor.id, every) : next;
  }

  private recordLateness(ms: number): void {
    this.lateness.push(ms);
    if (this.lateness.length > MAX_LATENESS_SAMPLES)
      this.lateness.splice(0, this.lateness.length - MAX_LATENESS_SAMPLES);
  }
}

/** A stable offset in [0, everyMs) from the monitor id, so first runs spread evenly. */
function spread(id: string, everyMs: number): number {
  return createHash('sha1').update(id).digest().readUInt32BE(0) % everyMs;
}
