// Latency histograms for result roll-ups. Buckets grow by 25 % from 1 ms, so any percentile read
// from a histogram is within about 12 % of the true value, and histograms of minutes add up exactly
// to the histogram of their hour (percentiles themselves cannot be added up).

/** Sparse counts by bucket index. */
export type LatencyHistogram = Record<number, number>;

const GROWTH = 1.25;
const LOG_GROWTH = Math.log(GROWTH);

/** The bucket of a latency: 0 for ≤ 1 ms, then i for (1.25^(i-1), 1.25^i] ms. */
export function bucketOf(ms: number): number {
  if (ms <= 1) return 0;
  return Math.ceil(Math.log(ms) / LOG_GROWTH - 1e-9);
}

/** A representative latency of a bucket: the geometric middle of its bounds. */
export function bucketValue(bucket: number): number {
  if (bucket === 0) return 1;
  return Math.round(Math.pow(GROWTH, bucket - 0.5));
}

/** A histogram of some latencies. */
export function histogramOf(latencies: Iterable<number>): LatencyHistogram {
  const h: LatencyHistogram = {};
  for (const ms of latencies) {
    const b = bucketOf(ms);
    h[b] = (h[b] ?? 0) + 1;
  }
  return h;
}

/** The sum of histograms. */
export function mergeHistograms(histograms: Iterable<LatencyHistogram>): LatencyHistogram {
  const sum: LatencyHistogram = {};
  for (const h of histograms) for (const [b, n] of Object.entries(h)) sum[Number(b)] = (sum[Number(b)] ?? 0) + n;
  return sum;
}

/** The p-th percentile (0–100) read from a histogram; null when it is empty. */
export function histogramPercentile(h: LatencyHistogram, p: number): number | null {
  const buckets = Object.entries(h)
    .map(([b, n]) => [Number(b), n] as const)
    .sort((a, b) => a[0] - b[0]);
  const total = buckets.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * total));
  let seen = 0;
  for (const [b, n] of buckets) {
    seen += n;
    if (seen >= rank) return bucketValue(b);
  }
  return bucketValue(buckets[buckets.length - 1]![0]);
}

/** The exact p-th percentile (nearest rank) of sorted values; null when empty. */
export function exactPercentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
