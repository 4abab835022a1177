import { test } from "node:test";
import assert from "node:assert/strict";
import { capIndices, capStepTable, SAMPLE_STRATA } from "./sample";
import type { StepTable } from "./fit";
import { rng } from "../util/stats";

const ys = (n: number, seed = 3): Float64Array => {
  const r = rng(seed);
  return Float64Array.from({ length: n }, () => Math.log(1 + 1000 * r() ** 3));
};

test("capIndices: every row within the cap; else exactly `max` distinct ascending rows, the same for the same seed", () => {
  assert.deepEqual([...capIndices(ys(50), 50, 7)], [...Array(50).keys()]);
  const y = ys(10_000);
  const a = capIndices(y, 1000, 7);
  assert.equal(a.length, 1000);
  assert.equal(new Set(a).size, 1000);
  for (let i = 1; i < a.length; i++) assert.ok((a[i] as number) > (a[i - 1] as number));
  assert.deepEqual([...capIndices(y, 1000, 7)], [...a], "same seed, same rows");
  assert.notDeepEqual([...capIndices(y, 1000, 8)], [...a], "another seed, other rows");
  assert.throws(() => capIndices(y, 0, 7), /at least 1/);
});

test("capIndices keeps every log-time decile in proportion (the slow tail is not thinned out)", () => {
  const y = ys(10_000);
  const sorted = [...y].sort((p, q) => p - q);
  const cut = (k: number): number => sorted[Math.round((k * y.length) / SAMPLE_STRATA)] ?? Infinity;
  const idx = capIndices(y, 1000, 7);
  for (let k = 0; k < SAMPLE_STRATA; k++) {
    const inBin = [...idx].filter((i) => (y[i] as number) >= (k === 0 ? -Infinity : cut(k)) && (y[i] as number) < (k === SAMPLE_STRATA - 1 ? Infinity : cut(k + 1))).length;
    assert.ok(Math.abs(inBin - 100) <= 2, `decile ${k}: ${inBin} rows of 1000`);
  }
  const top = [...idx].filter((i) => (y[i] as number) >= cut(9)).length;
  assert.ok(top >= 98, `top decile: ${top}`);
});

test("capStepTable: the table within the cap is returned as is, with no sampling stated; above it, rows and metadata", () => {
  const n = 300;
  const y = ys(n);
  const t: StepTable = { step: "S", ids: Array.from({ length: n }, (_, i) => `s${i}`), groups: Array.from({ length: n }, (_, i) => `g${i % 50}`), records: Array.from({ length: n }, (_, i) => ({ x: i })), yLog: y, specs: [{ name: "x", unit: "count", transform: "identity" }] };
  const same = capStepTable(t, 300, 7);
  assert.equal(same.table, t);
  assert.equal(same.sampling, undefined);
  const c = capStepTable(t, 100, 7);
  assert.equal(c.table.ids.length, 100);
  assert.deepEqual(c.sampling && { a: c.sampling.rowsAvailable, u: c.sampling.rowsUsed, s: c.sampling.seed }, { a: 300, u: 100, s: 7 });
  assert.match(c.sampling?.method ?? "", /stratified by log time/);
  // rows stay aligned: id i has record x = i and its own log time
  c.table.ids.forEach((id, k) => {
    const i = Number(id.slice(1));
    assert.equal(c.table.records[k]?.["x"], i);
    assert.equal(c.table.yLog[k], y[i]);
    assert.equal(c.table.groups[k], `g${i % 50}`);
  });
  assert.equal(t.ids.length, 300, "input not mutated");
});
