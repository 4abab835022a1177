import assert from "node:assert/strict";
import { test } from "node:test";
import { rng } from "../../util/stats";
import { bootstrapCI, mutualInformation, partialCorrelation, pearson, ranks, spearman } from "./correlation";

test("pearson and spearman match hand-computed values", () => {
  assert.ok(Math.abs(pearson([1, 2, 3, 4], [2, 4, 6, 8]) - 1) < 1e-12);
  assert.ok(Math.abs(pearson([1, 2, 3, 4], [1, 3, 2, 4]) - 0.8) < 1e-12);
  assert.deepEqual(ranks([10, 20, 20, 5]), [2, 3.5, 3.5, 1]);
  assert.ok(Math.abs(spearman([1, 2, 3, 4, 5], [1, 4, 9, 16, 100]) - 1) < 1e-12);
  assert.ok(Number.isNaN(pearson([1, 2], [1, 2])));
  assert.ok(Math.abs(pearson([1, 2, NaN, 3, 4], [2, 4, 100, 6, 8]) - 1) < 1e-12, "missing pairs are skipped");
});

test("partial correlation removes a shared driver (size in disguise)", () => {
  const r = rng(3);
  const size: number[] = [];
  const q: number[] = [];
  const t: number[] = [];
  const t2: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const s = r() * 10;
    const noiseQ = r() - 0.5;
    size.push(s);
    q.push(s + noiseQ); // quality metric that is mostly size
    t.push(2 * s + (r() - 0.5)); // time driven by size only
    t2.push(2 * s + 3 * noiseQ + (r() - 0.5) * 0.1); // time that also depends on the quality part
  }
  assert.ok(pearson(q, t) > 0.9, "raw correlation looks strong");
  assert.ok(Math.abs(partialCorrelation(q, t, [size])) < 0.1, "but vanishes given size");
  assert.ok(partialCorrelation(q, t2, [size]) > 0.9, "a real quality effect survives");
});

test("mutual information is ~0 for independent and large for dependent data", () => {
  const r = rng(5);
  const a = Array.from({ length: 3000 }, () => r());
  const b = Array.from({ length: 3000 }, () => r());
  assert.ok(mutualInformation(a, b) < 0.02);
  assert.ok(mutualInformation(a, a.map((v) => v * v)) > 1);
});

test("bootstrap CI brackets the estimate and is reproducible with a seed", () => {
  const x = Array.from({ length: 200 }, (_, i) => i);
  const y = x.map((v, i) => v + ((i * 7919) % 50));
  const stat = (idx: readonly number[]): number => pearson(idx.map((i) => x[i] as number), idx.map((i) => y[i] as number));
  const a = bootstrapCI(200, stat, { seed: 9, reps: 200 });
  const b = bootstrapCI(200, stat, { seed: 9, reps: 200 });
  assert.deepEqual(a, b);
  assert.ok(a.lo <= a.estimate && a.estimate <= a.hi);
});
