import assert from "node:assert/strict";
import { test } from "node:test";
import { poissonWorkload, replayWorkload, compressForUtilisation, workflowCoreS } from "./arrivals";
import { comparePolicies, goalCheck, summarisePolicies, type RunRow } from "./compare";
import { BASELINE, ORACLE, standardPolicies } from "./policySet";
import type { SimWorkflow } from "./types";

// Synthetic workload (labelled: a scale/logic test, not a claim): two-step chains with known times and predictions.
function chains(n: number): SimWorkflow[] {
  return Array.from({ length: n }, (_, i) => {
    const a = 10 + (i % 7) * 5;
    const b = i % 10 === 0 ? 200 : 20 + (i % 3) * 4;
    const pred = (s: number) => ({ pointS: s, upperS: { q90: s * 1.2, q95: s * 1.5, q99: s * 2.5 }, tailProb: s > 100 ? 0.9 : 0.1 });
    return { id: `w${i}`, arrivalS: 0, tasks: [{ step: "a", cores: 1, trueS: a, deps: [], pred: pred(a) }, { step: "b", cores: 2, trueS: b, deps: [0], pred: pred(b) }] };
  });
}
const cluster = { partitions: [{ name: "main", nodes: 4, coresPerNode: 4 }] };

test("poissonWorkload offers the chosen utilisation and is the same stream for the same seed", () => {
  const w = chains(400);
  const a = poissonWorkload(w, cluster, 0.5, 3);
  const b = poissonWorkload(w, cluster, 0.5, 3);
  assert.deepEqual(a, b);
  const span = Math.max(...a.map((x) => x.arrivalS));
  const offered = w.reduce((s, x) => s + workflowCoreS(x), 0) / (16 * span);
  assert.ok(Math.abs(offered - 0.5) < 0.08, `offered ${offered}`);
  assert.notDeepEqual(a.map((x) => x.id), poissonWorkload(w, cluster, 0.5, 4).map((x) => x.id));
});

test("replayed arrivals keep the recorded gaps, shifted to 0 and compressed", () => {
  const w = chains(3);
  const r = replayWorkload(w, [1000, 1010, 1030], 2);
  assert.deepEqual(r.map((x) => x.arrivalS), [0, 5, 15]);
  assert.throws(() => replayWorkload(w, [1, 2], 1), /3 workflows but 2 timestamps/);
  const c = compressForUtilisation(w, [0, 10, 30], cluster, 0.5);
  assert.equal(c, (0.5 * 16 * 30) / w.reduce((s, x) => s + workflowCoreS(x), 0));
});

test("comparison: the oracle never kills, the static baseline does, ratios are paired against them", () => {
  const w = chains(200);
  const entries = standardPolicies(w, cluster);
  const res = comparePolicies("synthetic", w, cluster, entries, { utilisations: [0.6], seeds: [1, 2, 3] });
  assert.equal(res.rows.length, entries.length * 3);
  const sum = summarisePolicies(res.rows, BASELINE, ORACLE);
  const oracle = sum.find((s) => s.policy === ORACLE);
  const base = sum.find((s) => s.policy === BASELINE);
  assert.equal(oracle?.kills, 0);
  assert.equal(oracle?.wastedCoreHours, 0);
  assert.ok((base?.kills ?? 0) > 0);
  assert.equal(base?.p99VsBaseline, 1);
  assert.equal(oracle?.p99VsOracle, 1);
  // q99 bounds cover every synthetic task (upper = 2.5x the true time): no kills.
  assert.equal(sum.find((s) => s.policy === "3 predicted q99")?.kills, 0);
});

test("summaries: medians over seeds and paired ratios computed from the rows", () => {
  const row = (policy: string, seed: number, p99S: number, kills: number, wastedCoreHours: number): RunRow => ({ workload: "w", policy, utilisation: 0.5, seed, workflows: 1, tasks: 1, p50S: 1, p95S: 1, p99S, meanTurnaroundS: 1, taskP50S: 1, taskP99S: 1, meanSlowdown: 1, makespanS: 1, kills, speculativeCopies: 0, wastedCoreHours, extraCoreHoursPct: 0, meanWaitS: 0, achievedUtilisation: 0.5 });
  const rows = [row("B", 1, 100, 10, 2), row("B", 2, 200, 10, 2), row("O", 1, 50, 0, 0), row("O", 2, 100, 0, 0), row("P", 1, 60, 1, 0.5), row("P", 2, 120, 0, 0.5)];
  const s = summarisePolicies(rows, "B", "O");
  const p = s.find((x) => x.policy === "P");
  assert.equal(p?.p99S, 90);
  assert.equal(p?.p99VsBaseline, 0.6);
  assert.equal(p?.p99VsOracle, 1.2);
  assert.equal(p?.killsVsBaseline, 1 / 20);
  assert.equal(p?.wastedVsBaseline, 0.25);
  const g = goalCheck(s, new Set(["P"]));
  assert.deepEqual([g[0]?.killsCutMet, g[0]?.wastedCutMet, g[0]?.p99NoWorseMet, g[0]?.nearOracleMet], [true, true, true, false]);
});
