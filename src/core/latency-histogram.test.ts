import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bucketOf, exactPercentile, histogramOf, histogramPercentile, mergeHistograms } from './latency-histogram.js';

test('percentiles read from a histogram stay within about 12 % of the exact ones', () => {
  const values = Array.from({ length: 1000 }, (_, i) => 5 + ((i * 7919) % 400));
  const sorted = [...values].sort((a, b) => a - b);
  const h = histogramOf(values);
  for (const p of [50, 95, 99]) {
    const exact = exactPercentile(sorted, p)!;
    const estimate = histogramPercentile(h, p)!;
    assert.ok(Math.abs(estimate - exact) / exact <= 0.125, `p${p}: ${estimate} vs ${exact}`);
  }
});

test('histograms of parts add up to the histogram of the whole', () => {
  const a = [1, 3, 40, 250];
  const b = [2, 3, 900, 12_000];
  assert.deepEqual(mergeHistograms([histogramOf(a), histogramOf(b)]), histogramOf([...a, ...b]));
  assert.equal(histogramPercentile({}, 50), null);
  assert.equal(bucketOf(0), 0);
  assert.equal(bucketOf(1.25), 1);
  assert.equal(exactPercentile([10, 20, 30, 40], 50), 20);
});
