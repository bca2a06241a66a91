/**
 * Counts requests per key in fixed windows, in memory (one process). Enough to stop a script from
 * flooding the sign-up form from one address or at one mailbox; several nodes each count their own.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Count one request for `key` at `nowMs`; false when the key is over its limit in this window. */
  take(key: string, nowMs: number): boolean {
    const w = this.windows.get(key);
    if (!w || nowMs - w.start >= this.windowMs) {
      if (this.windows.size > 100_000) this.prune(nowMs);
      this.windows.set(key, { start: nowMs, count: 1 });
      return true;
    }
    w.count++;
    return w.count <= this.limit;
  }

  private prune(nowMs: number): void {
    for (const [key, w] of this.windows) if (nowMs - w.start >= this.windowMs) this.windows.delete(key);
  }
}
