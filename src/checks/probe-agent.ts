import { appendFile, readFile, rename, writeFile } from 'node:fs/promises';
import { newBase36Id } from '../app/context.js';
import { fromAssignment, type ProbeAssignment } from '../core/probe-assignment.js';
import { requestJson } from '../net/json-request.js';
import { CheckScheduler, type ScheduledResult } from './check-scheduler.js';
import { createCheckRunner, type CheckRunner } from './run-check.js';
import { startSchedulerLoop } from './scheduler-loop.js';

/** One result as a probe sends it (the API's wire format). */
interface WireResult {
  id: string;
  monitor_id: string;
  at: string;
  ok: boolean;
  ms: number;
  reason: string;
}

/** How a probe reaches its server and where it keeps what it could not send yet. */
export interface ProbeAgentOptions {
  server: string;
  token: string;
  location: string;
  /** Results not yet accepted by the server are kept here (JSON lines), so a restart loses nothing. */
  spoolFile: string;
  concurrency?: number;
  now?: () => Date;
  runCheck?: CheckRunner;
  requestTimeoutMs?: number;
  batchSize?: number;
  /** At most this many results are kept while the server is away; the oldest go first. */
  maxBuffered?: number;
  onError?: (message: string) => void;
}

/**
 * A remote location: pulls its assignments, runs them with the same scheduler as the server, and
 * pushes results in batches. Results go to a spool file before any upload, so a probe killed while
 * the server is unreachable resends them when it comes back; the server ignores ids it already has,
 * so a resend never doubles a result.
 */
export class ProbeAgent {
  readonly scheduler: CheckScheduler;
  private buffer: WireResult[] = [];
  private spooling: Promise<void> = Promise.resolve();
  private uploading: Promise<Set<string>> | null = null;

  private constructor(private readonly options: ProbeAgentOptions) {
    const now = options.now ?? (() => new Date());
    this.scheduler = new CheckScheduler({
      location: options.location,
      now: () => now().getTime(),
      runCheck: options.runCheck ?? createCheckRunner({ now }),
      loadMonitors: () => this.pullAssignments(),
      newId: newBase36Id,
      concurrency: options.concurrency ?? 64,
      onError: (error) => this.fail(String(error)),
      report: (batch) => this.report(batch),
    });
  }

  /** Open an agent, reading back whatever an earlier run left in the spool. */
  static async open(options: ProbeAgentOptions): Promise<ProbeAgent> {
    const agent = new ProbeAgent(options);
    let text = '';
    try {
      text = await readFile(options.spoolFile, 'utf8');
    } catch {
      // no spool yet
    }
    agent.buffer = text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as WireResult];
        } catch {
          return []; // a line cut short by a kill
        }
      });
    return agent;
  }

  /** Results waiting to be accepted by the server. */
  pending(): number {
    return this.buffer.length;
  }

  /**
   * Send buffered results in batches until the buffer is empty or the server fails to take one.
   * Returns the monitors the server asked to re-check promptly.
   */
  upload(): Promise<Set<string>> {
    this.uploading ??= this.uploadAll().finally(() => (this.uploading = null));
    return this.uploading;
  }

  private async uploadAll(): Promise<Set<string>> {
    const recheck = new Set<string>();
    const size = this.options.batchSize ?? 500;
    while (this.buffer.length > 0) {
      const batch = this.buffer.slice(0, size);
      const outcome = await requestJson('POST', `${this.base()}/api/v1/probe/results`, {
        headers: { authorization: `Bearer ${this.options.token}` },
        body: { location: this.options.location, results: batch },
        timeoutMs: this.options.requestTimeoutMs ?? 10_000,
        userAgent: 'Pharos-Probe/0.1',
      });
      if (!outcome.ok || (outcome.status !== 200 && outcome.status !== 400)) {
        this.fail(`cannot report results: ${outcome.ok ? `status ${outcome.status}` : outcome.reason}`);
        break;
      }
      // A 400 would be refused forever: drop that batch rather than block every later one.
      if (outcome.status === 400) this.fail(`server refused a batch: ${JSON.stringify(outcome.body)}`);
      else for (const id of (outcome.body as { recheck?: string[] }).recheck ?? []) recheck.add(id);
      const sent = new Set(batch.map((r) => r.id));
      this.buffer = this.buffer.filter((r) => !sent.has(r.id));
      await this.rewriteSpool();
    }
    return recheck;
  }

  private async report(batch: ScheduledResult[]): Promise<ReadonlySet<string>> {
    const wire = batch.map((r): WireResult => ({
      id: r.id,
      monitor_id: r.monitor.id,
      at: r.result.at,
      ok: r.result.ok,
      ms: r.result.ms,
      reason: r.result.reason.slice(0, 500),
    }));
    this.buffer.push(...wire);
    const max = this.options.maxBuffered ?? 100_000;
    if (this.buffer.length > max) {
      this.buffer.splice(0, this.buffer.length - max);
      await this.rewriteSpool();
    } else {
      await this.queueSpool(() =>
        appendFile(this.options.spoolFile, wire.map((w) => `${JSON.stringify(w)}\n`).join('')),
      );
    }
    return this.upload();
  }

  private async pullAssignments() {
    const outcome = await requestJson(
      'GET',
      `${this.base()}/api/v1/probe/assignments?location=${encodeURIComponent(this.options.location)}`,
      {
        headers: { authorization: `Bearer ${this.options.token}` },
        timeoutMs: this.options.requestTimeoutMs ?? 10_000,
        userAgent: 'Pharos-Probe/0.1',
      },
    );
    // Throwing keeps the assignments we have: a probe keeps checking while the server is away.
    if (!outcome.ok) throw new Error(`cannot fetch assignments: ${outcome.reason}`);
    if (outcome.status !== 200) throw new Error(`cannot fetch assignments: status ${outcome.status}`);
    const body = outcome.body as { data: ProbeAssignment[] };
    return body.data.map((a) => fromAssignment(a, this.options.location));
  }

  private rewriteSpool(): Promise<void> {
    const text = this.buffer.map((w) => `${JSON.stringify(w)}\n`).join('');
    const temporary = `${this.options.spoolFile}.tmp`;
    return this.queueSpool(async () => {
      await writeFile(temporary, text);
      await rename(temporary, this.options.spoolFile);
    });
  }

  /** Spool writes run one at a time, in order. */
  private queueSpool(write: () => Promise<void>): Promise<void> {
    this.spooling = this.spooling.then(write, write);
    return this.spooling;
  }

  private base(): string {
    return this.options.server.replace(/\/+$/, '');
  }

  private fail(message: string): void {
    this.options.onError?.(message);
  }
}

/**
 * Run an agent until `signal` aborts: checks on schedule, results uploaded as they come and retried
 * every few seconds while the server is away, assignments pulled every `pullMs`.
 */
export function startProbeAgent(
  agent: ProbeAgent,
  options: { signal: AbortSignal; pullMs?: number; retryMs?: number; onError: (e: unknown) => void },
): { stop(): Promise<void> } {
  const loop = startSchedulerLoop(agent.scheduler, {
    signal: options.signal,
    reloadMs: options.pullMs ?? 30_000,
    onError: options.onError,
  });
  const retry = setInterval(() => void agent.upload(), options.retryMs ?? 5000);
  options.signal.addEventListener('abort', () => clearInterval(retry), { once: true });
  return {
    async stop() {
      await loop.stop();
      await agent.upload();
    },
  };
}
