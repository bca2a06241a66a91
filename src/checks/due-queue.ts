/** A min-heap of (time, key): what is due next, in O(log n) per push and pop. */
export class DueQueue {
  private readonly items: { at: number; key: string; generation: number }[] = [];

  /** How many entries are queued (stale ones included). */
  get size(): number {
    return this.items.length;
  }

  /** Queue `key` at `at`; `generation` lets the caller ignore superseded entries when they pop. */
  push(at: number, key: string, generation: number): void {
    const items = this.items;
    items.push({ at, key, generation });
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (items[parent]!.at <= items[i]!.at) break;
      [items[parent], items[i]] = [items[i]!, items[parent]!];
      i = parent;
    }
  }

  /** The earliest time queued, or null when empty. */
  peekAt(): number | null {
    return this.items[0]?.at ?? null;
  }

  /** Remove and return the earliest entry. */
  pop(): { at: number; key: string; generation: number } | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && items[l]!.at < items[m]!.at) m = l;
        if (r < items.length && items[r]!.at < items[m]!.at) m = r;
        if (m === i) break;
        [items[m], items[i]] = [items[i]!, items[m]!];
        i = m;
      }
    }
    return top;
  }
}
