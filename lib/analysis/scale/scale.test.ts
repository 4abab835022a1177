import assert from "node:assert/strict";
import { test } from "node:test";
import type { HarnessRun } from "../../data/harness";
import { LinearRidge } from "../../models/ridge";
import type { TaskRun } from "../../traces/schema";
import { extrapolation, fitSizeAware, predictSizeAware } from "./extrapolation";
import { fixedCosts, multiplierAcrossGenomes, multiplierTrends, qualityMultipliers, repeatRatios, verdictsByStep } from "./multipliers";

/** A run of one step whose CPU time is fixed + perPair × pairs × multiplier (known truth). */
function run(id: string, nPairs: number, varied: string, cpu: number, metrics: Record<string, number> = {}, genome = "ecoli_k12"): HarnessRun {
  const steps = new Map([["bwa_mem", { task: "bwa_mem", status: "COMPLETED", wallS: cpu, cpuS: cpu, raw: {} } as unknown as TaskRun]]);
  return { runId: id, configId: id, phase: "ladder1", varied, repeat: 1, loadLabel: "none", genome, design: { n_pairs: nPairs }, metrics, steps };
}

const SIZES = [200_000, 800_000, 3_200_000];
// fixed 10 s + 20 s per million pairs; low quality costs 3x per pair (not on the fixed part)
const truth = (n: number, m: number) => 10 + 20 * (n / 1e6) * m;
const ladder = (jitter = [1, 1]): HarnessRun[] => SIZES.flatMap((n) => jitter.flatMap((j, r) => [
  run(`b${n}-${r}`, n, "baseline", truth(n, 1) * j), run(`q${n}-${r}`, n, "qual_shift", truth(n, 3) * j)]));

test("quality multipliers: the per-pair effect looks smaller at small sizes where the fixed cost dominates", () => {
  const rows = qualityMultipliers(ladder([0.95, 1.05]), ["bwa_mem"], { reps: 200 });
  assert.equal(rows.length, 3);
  const at = (n: number) => rows.find((r) => r.nPairs === n)!;
  assert.ok(Math.abs(at(200_000).multiplier - truth(2e5, 3) / truth(2e5, 1)) < 1e-9);
  assert.ok(at(200_000).multiplier < at(3_200_000).multiplier);
  // the same jitter on both sides cancels: the two repeats agree and the interval is tight
  for (const r of rows) assert.ok(r.lo <= r.multiplier + 1e-9 && r.hi >= r.multiplier - 1e-9);
  assert.equal(at(800_000).nQuality, 2);
});

test("multiplier trend: 'grows' when the interval excludes 1, 'holds' when the effect is the same", () => {
  const grows = multiplierTrends(ladder([0.97, 1.03]), ["bwa_mem"], 200_000, 3_200_000, { reps: 300 });
  assert.equal(grows[0]!.verdict, "grows");
  const flat = SIZES.flatMap((n) => [0.9, 1.1].flatMap((j, r) => [run(`b${n}${r}`, n, "baseline", 5 * n / 1e5 * j), run(`q${n}${r}`, n, "qual_shift", 10 * n / 1e5 / j)]));
  assert.equal(multiplierTrends(flat, ["bwa_mem"], 200_000, 3_200_000, { reps: 300 })[0]!.verdict, "holds");
  // one run per cell: the interval is a point, so no verdict is given
  const single = multiplierTrends(ladder([1]), ["bwa_mem"], 200_000, 3_200_000, { reps: 300 })[0]!;
  assert.ok(single.ratio > 1);
  assert.equal(single.verdict, "undetermined");
  const [byStep] = verdictsByStep([...grows, { ...single, quality: "dup_rate" }]);
  assert.deepEqual(byStep, { step: "bwa_mem", genome: "ecoli_k12", holds: [], grows: ["qual_shift"], shrinks: [], undetermined: ["dup_rate"] });
});

test("across genomes: a multiplier 'carries' when it is the same at equal read count, 'larger' when it grows", () => {
  // the second genome: same fixed cost and per-pair cost, low quality costs 3x (same) or 6x (larger) per pair
  const other = (m: number, jitter: readonly number[]) => [800_000, 3_200_000].flatMap((n) => jitter.flatMap((j, r) => [
    run(`pb${n}-${r}`, n, "baseline", truth(n, 1) * j, {}, "pfalciparum"), run(`pq${n}-${r}`, n, "qual_shift", truth(n, m) * j, {}, "pfalciparum")]));
  const same = multiplierAcrossGenomes([...ladder([0.97, 1.03]), ...other(3, [0.96, 1.04])], ["bwa_mem"], "ecoli_k12", { reps: 300 });
  assert.deepEqual(same.map((r) => [r.nPairs, r.to, r.verdict]), [[800_000, "pfalciparum", "carries"], [3_200_000, "pfalciparum", "carries"]]);
  assert.ok(Math.abs(same[0]!.ratio - 1) < 1e-9 && same[0]!.lo <= 1 && same[0]!.hi >= 1);
  const larger = multiplierAcrossGenomes([...ladder([0.97, 1.03]), ...other(6, [0.97, 1.03])], ["bwa_mem"], "ecoli_k12", { reps: 300 });
  assert.ok(larger.every((r) => r.verdict === "larger" && r.multiplierTo > r.multiplierFrom && r.lo > 1));
  // one run per cell on the second genome: the ratio is reported, the verdict is not
  const single = multiplierAcrossGenomes([...ladder([0.97, 1.03]), ...other(6, [1])], ["bwa_mem"], "ecoli_k12", { reps: 300 });
  assert.ok(single.length === 2 && single.every((r) => r.ratio > 1 && r.verdict === "undetermined"));
  // a genome without the quality cell at a size gives no row there (0.2M exists only on E. coli)
  assert.ok(!same.some((r) => r.nPairs === 200_000));
});

test("repeat ratios: each later repeat over the first of its cell, per step; capped steps give no ratio", () => {
  const rows = repeatRatios(ladder([1, 1.1]), ["bwa_mem"]);
  assert.equal(rows.length, 6); // 3 sizes x 2 qualities, one later repeat each
  for (const r of rows) assert.ok(Math.abs(r.ratios["bwa_mem"]! - 1.1) < 1e-9 && r.first.endsWith("-0") && r.repeat.endsWith("-1"));
  // the machine's load beside each run, from the steps' load1_start (NaN when the trace has none)
  assert.ok(rows.every((r) => Number.isNaN(r.load1First) && Number.isNaN(r.load1Repeat)));
  const loaded = ladder([1, 1.1]).map((r) => ({ ...r, steps: new Map([...r.steps].map(([k, t]) => [k, { ...t, raw: { load1_start: r.runId.endsWith("-1") ? "2.10" : "0.40" } }])) }));
  assert.deepEqual(repeatRatios(loaded, ["bwa_mem"]).map((r) => [r.load1First, r.load1Repeat])[0], [0.4, 2.1]);
  const withCap = repeatRatios([...ladder([1]), capped("zcap", 3_200_000, "qual_shift", 500)], ["bwa_mem"]);
  assert.deepEqual(withCap.map((r) => [r.nPairs, r.quality, r.repeat, r.ratios["bwa_mem"]]), [[3_200_000, "qual_shift", "zcap", undefined]]);
});

test("fixed costs: intercept and per-million slope of the baseline line, and the fixed share per size", () => {
  const [f] = fixedCosts(ladder(), ["bwa_mem"]);
  assert.ok(Math.abs(f!.fixedS - 10) < 1e-6 && Math.abs(f!.perMillionS - 20) < 1e-6);
  assert.ok(Math.abs(f!.shareAt[0]!.share - 10 / 14) < 1e-9);
});

test("size-aware form recovers fixed cost, per-pair cost and the quality effect", () => {
  const n = [2e5, 4e5, 8e5, 2e5, 4e5, 8e5], q = [[30], [30], [30], [20], [20], [20]];
  const t = n.map((v, i) => 10 + 2e-5 * v * Math.exp(q[i]![0]! === 20 ? Math.log(3) : 0));
  const f = fitSizeAware(n, q, t, 200);
  for (let i = 0; i < n.length; i++) assert.ok(Math.abs(predictSizeAware(f, n[i]!, q[i]!) - t[i]!) / t[i]! < 0.03);
  const big = predictSizeAware(f, 3.2e6, [20]);
  assert.ok(Math.abs(big - (10 + 2e-5 * 3.2e6 * 3)) / big < 0.05, `extrapolated ${big}`);
});

test("extrapolation: trained up to 0.8M pairs, the size-aware form predicts 3.2M and 6.4M; ridge on clamped features cannot", () => {
  const runs = [...SIZES, 6_400_000].flatMap((n) => [30, 25, 20].flatMap((qual, k) => [0, 1].map((r) =>
    run(`${n}-${qual}-${r}`, n, k ? "qual_shift" : "baseline", (10 + 2e-5 * n * Math.exp((30 - qual) * 0.1)) * (r ? 1.02 : 0.98), { reads: n, q: qual }))));
  const rows = extrapolation(runs, ["bwa_mem"], new LinearRidge({ alpha: 1 }), { trainMaxPairs: 800_000, sizeColumn: "reads", qualityColumns: ["q"], folds: 3 });
  // one row per form and held-out size, in size order
  assert.deepEqual(rows.map((r) => `${r.form}@${r.testPairs}`), ["shipped@3200000", "shipped@6400000", "size-aware@3200000", "size-aware@6400000"]);
  for (const r of rows) assert.equal(r.nTest, 6);
  const at = (form: string, n: number) => rows.find((r) => r.form === form && r.testPairs === n)!;
  for (const n of [3_200_000, 6_400_000]) {
    assert.ok(at("size-aware", n).mdape < 0.05, `size-aware MdAPE at ${n}: ${at("size-aware", n).mdape}`);
    assert.ok(at("shipped", n).mdape > 0.3 && at("shipped", n).medianRatio < 1, `shipped MdAPE at ${n}: ${at("shipped", n).mdape}`);
  }
  // the clamped form falls further behind the further it extrapolates
  assert.ok(at("shipped", 6_400_000).mdape > at("shipped", 3_200_000).mdape);
  // a step killed at its cap is counted at its own size and not scored
  const withCap = extrapolation([...runs, capped("big-cap", 6_400_000, "qual_shift", 500)], ["bwa_mem"], new LinearRidge({ alpha: 1 }), { trainMaxPairs: 800_000, sizeColumn: "reads", qualityColumns: ["q"], folds: 3 });
  const cap = (n: number) => withCap.find((r) => r.form === "size-aware" && r.testPairs === n)!;
  assert.deepEqual([cap(3_200_000).capped, cap(6_400_000).capped, cap(6_400_000).nTest], [0, 1, 6]);
});

/** A run whose step was killed at a CPU cap of `cap` seconds: FAILED, `limit_hit` cpu>=cap, recorded time ≈ cap. */
function capped(id: string, nPairs: number, varied: string, cap: number): HarnessRun {
  const r = run(id, nPairs, varied, cap);
  const task = { task: "bwa_mem", status: "FAILED", wallS: cap * 1.1, cpuS: cap, raw: { limit_hit: `cpu>=${cap}` } } as unknown as TaskRun;
  return { ...r, steps: new Map([["bwa_mem", task]]) };
}

test("censored steps: a capped quality run enters at its cap as a lower bound, never silently dropped", () => {
  const runs = [...ladder(), capped("qcap", 3_200_000, "qual_shift", 500)];
  const row = qualityMultipliers(runs, ["bwa_mem"], { reps: 100 }).find((r) => r.nPairs === 3_200_000)!;
  assert.equal(row.nQuality, 3);
  assert.equal(row.nCensoredQuality, 1);
  assert.equal(row.bound, "lower");
  const exact = qualityMultipliers(ladder(), ["bwa_mem"], { reps: 100 }).find((r) => r.nPairs === 3_200_000)!;
  assert.equal(exact.bound, "exact");
  // a failed step without a cap is still left out
  const failed = { ...capped("qfail", 3_200_000, "qual_shift", 500) };
  (failed.steps.get("bwa_mem") as unknown as { raw: Record<string, string> }).raw = {};
  assert.equal(qualityMultipliers([...ladder(), failed], ["bwa_mem"], { reps: 50 }).find((r) => r.nPairs === 3_200_000)!.nQuality, 2);
});

test("censored steps: a trend keeps only the verdict its bound implies; capped baselines stay out of the fixed-cost line", () => {
  // a large low-quality cell that is only known to exceed its cap: the trend is a lower bound
  const base = ladder([0.97, 1.03]).filter((r) => !(r.varied === "qual_shift" && r.design["n_pairs"] === 3_200_000));
  const up = multiplierTrends([...base, capped("c1", 3_200_000, "qual_shift", 2000), capped("c2", 3_200_000, "qual_shift", 2100)], ["bwa_mem"], 200_000, 3_200_000, { reps: 200 })[0]!;
  assert.equal(up.bound, "lower");
  assert.equal(up.verdict, "grows");
  // a cap so low the lower bound looks like "shrinks": that verdict cannot stand
  const low = multiplierTrends([...base, capped("c1", 3_200_000, "qual_shift", 20), capped("c2", 3_200_000, "qual_shift", 21)], ["bwa_mem"], 200_000, 3_200_000, { reps: 200 })[0]!;
  assert.equal(low.bound, "lower");
  assert.equal(low.verdict, "undetermined");
  const [f] = fixedCosts([...ladder(), capped("bcap", 3_200_000, "baseline", 50)], ["bwa_mem"]);
  assert.equal(f!.censoredLeftOut, 1);
  assert.ok(Math.abs(f!.fixedS - 10) < 1e-6);
});
