import assert from "node:assert/strict";
import { test } from "node:test";
import { quantileBins, ratiosToMedian, tailTable } from "./tailTable";

test("tailTable counts runs above k x the group median, per group and pooled", () => {
  // group a: median 10, one run at 25 (>2x), one at 160 (>15x); group b: median 1, none above 2x.
  const runs = [
    ...[10, 10, 10, 9, 11, 25, 160].map((w) => ({ group: "a", wallS: w })),
    ...[1, 1, 1.5, 0.9].map((w) => ({ group: "b", wallS: w })),
  ];
  const rows = tailTable(runs, [2, 15]);
  const a = rows.find((r) => r.group === "a");
  const b = rows.find((r) => r.group === "b");
  const all = rows.find((r) => r.group === "(all)");
  assert.ok(a && b && all);
  assert.equal(a.medianS, 10);
  assert.equal(a.countAbove["2"], 2);
  assert.equal(a.countAbove["15"], 1);
  assert.equal(a.maxOverMedian, 16);
  assert.equal(b.countAbove["2"], 0);
  assert.equal(all.n, 11);
  assert.equal(all.countAbove["2"], 2);
  assert.equal(all.shareAbove["15"], 1 / 11);
  assert.equal(rows[rows.length - 1]?.group, "(all)");
});

test("strata compare runs only with runs of comparable input size", () => {
  // Large inputs take 10x longer: without strata they look like a tail, with strata they do not.
  const runs = [
    ...[1, 1, 1, 1].map((w) => ({ group: "t", wallS: w, stratum: "small" })),
    ...[10, 10, 10].map((w) => ({ group: "t", wallS: w, stratum: "large" })),
  ];
  assert.equal(tailTable(runs.map(({ group, wallS }) => ({ group, wallS })), [5])[0]?.countAbove["5"], 3);
  assert.equal(tailTable(runs, [5])[0]?.countAbove["5"], 0);
  assert.equal(ratiosToMedian(runs).get("t")?.ratios.length, 7);
});

test("quantileBins splits values into equal-count bins and marks non-finite as -1", () => {
  const bins = quantileBins([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, NaN], 2);
  assert.deepEqual(bins, [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, -1]);
});

test("works on platform-sized inputs (no spread of large arrays)", () => {
  const runs = Array.from({ length: 300_000 }, (_, i) => ({ group: i % 2 ? "a" : "b", wallS: 1 + (i % 100) }));
  const rows = tailTable(runs, [2]);
  assert.equal(rows[rows.length - 1]?.n, 300_000);
});
