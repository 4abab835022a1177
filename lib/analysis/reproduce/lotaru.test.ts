import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { mirrorRoot } from "../../data/paths";
import {
  LOTARU_METHODS,
  LOTARU_WORKFLOWS,
  type LotaruBenchmark,
  type LotaruPrediction,
  lotaruAFactor,
  lotaruErrorTable,
  lotaruGFactor,
  lotaruPredict,
  naivePredict,
  onlinePredict,
  parseLotaruBenchmarks,
  reproduceLotaru,
} from "./lotaru";

test("Naive, Online and Lotaru estimators on a tiny hand-made task", () => {
  const train = { x: [1, 2, 4, 8, 16, 32], y: [12, 19, 43, 79, 161, 318] };
  // Naive: mean(y/x) = (12 + 9.5 + 10.75 + 9.875 + 10.0625 + 9.9375) / 6 = 10.354166…
  assert.ok(Math.abs(naivePredict(train, 10) - 103.5416666) < 1e-6);
  // Online (r > 0.8): ratio of the nearest training x (x=8 → 79/8) times x
  assert.deepEqual(onlinePredict(train, [9], true), [(79 / 8) * 9]);
  // Lotaru: linear fit × factor; median fallback (unscaled) when r < 0.75
  const line = lotaruPredict(train, [64], 2, "ols")[0] as number;
  assert.ok(Math.abs(line - 2 * (64 * 9.9 + 1.4)) < 15);
  const flat = { x: [1, 2, 3, 4, 5, 6], y: [10, 30, 10, 30, 10, 30] };
  assert.deepEqual(lotaruPredict(flat, [100], 3), [20]);
  assert.deepEqual(onlinePredict(flat, [100], true), [20]);
});

test("machine factors follow BenchmarkHelper", () => {
  assert.equal(lotaruGFactor("local"), 1);
  assert.ok(Math.abs(lotaruGFactor("c2") - (0.5 * 437 / 523 + 0.5 * 415 / 483)) < 1e-12);
  const b: LotaruBenchmark[] = [
    ...parseLotaruBenchmarks("Workflow,Task,Machine,R1,R2,R3\nEager,bwa,local,10,11,12\nEager,fastqc,local,-1,-1,-1\nEager,qualimap,local,4,4,4\n", "local"),
    ...parseLotaruBenchmarks("Workflow,Task,N2,R1,R2,R3\nEager,bwa,C2,5,6,7\nEager,fastqc,C2,-1,-1,-1\nEager,qualimap,C2,2,2,2\n", "c2"),
  ];
  assert.equal(lotaruAFactor(b, "eager", "bwa", "c2", ["bwa", "fastqc", "qualimap"]), 6 / 11);
  // -1/-1 = 1 → median of the other ratios ≠ 1: median(6/11, 0.5)
  assert.equal(lotaruAFactor(b, "eager", "fastqc", "c2", ["bwa", "fastqc", "qualimap"]), (6 / 11 + 0.5) / 2);
});

test("error table: group medians vs pooled (hand-computed)", () => {
  const p = (machine: string, relErr: number): LotaruPrediction => ({ workflow: "w", machine, task: "t", experiment: "train-1", method: "Naive", inputSize: 1, actualS: 1, predictedS: 1 + relErr, relErr });
  const preds = [p("a", 0.1), p("a", 0.2), p("a", 0.9), p("b", 0.5)];
  const g = lotaruErrorTable(preds).find((r) => r.workflow === "(all)");
  const pooled = lotaruErrorTable(preds, { aggregate: "pooled" }).find((r) => r.workflow === "(all)");
  assert.equal(g?.ours, (0.2 + 0.5) / 2); // medians 0.2 (a) and 0.5 (b)
  assert.equal(pooled?.ours, (0.2 + 0.5) / 2); // median of 0.1, 0.2, 0.5, 0.9
  assert.equal(lotaruErrorTable([p("a", 0.1), p("a", 0.2), p("a", 0.3), p("b", 0.9)]).find((r) => r.workflow === "(all)")?.ours, (0.2 + 0.9) / 2);
});

const root = mirrorRoot();
const lotaruRoot = root ? join(root, "lotaru") : undefined;

test("Lotaru on the authors' execution reports", { skip: lotaruRoot ? false : "no dataset mirror" }, () => {
  const { predictions, table, remotePooled } = reproduceLotaru(lotaruRoot as string);
  // 6 target machines × both experiments × every test row of every task, 5 methods
  assert.equal(predictions.length, 15940);
  assert.equal(table.length, LOTARU_METHODS.length * (LOTARU_WORKFLOWS.length + 1));
  assert.equal(remotePooled.length, table.length);
  for (const m of LOTARU_METHODS) for (const wf of LOTARU_WORKFLOWS) assert.ok(table.find((r) => r.method === m && r.workflow === wf && r.n > 0 && Number.isFinite(r.ours)), `${m} on ${wf}`);

  // Per-row predictions equal the authors' tasks_lotaru_c2.csv (eager, experiment 0, first test row).
  const find = (task: string, method: string, x: number): number =>
    (predictions.find((p) => p.machine === "c2" && p.workflow === "eager" && p.experiment === "train-1" && p.task === task && p.method === method && p.inputSize === x)?.predictedS ?? NaN) * 1000;
  const same = (a: number, b: number): void => assert.ok(Math.abs(a / b - 1) < 1e-9, `${a} vs ${b}`);
  same(find("qualimap", "Lotaru-G", 796032658), 23900.54897438833);
  same(find("qualimap", "Lotaru-A", 796032658), 22449.38919165859);
  same(find("qualimap", "Naive", 796032658), 14644.319716085027);
  same(find("qualimap", "Online-M", 796032658), 21258.80235929207);
  same(find("genotyping_hc", "Lotaru-A", 796079469), 2656034.905353556);

  // The published medians are reproduced (to their 2-3 printed decimals).
  for (const r of table) if (r.published !== undefined) assert.ok(Math.abs(r.ours - r.published) < 0.0051, `${r.method} ${r.workflow}: ${r.ours} vs ${r.published}`);

  // Observed, not tuned: both Lotaru variants beat Naive and Online-M overall, in both views.
  for (const t of [table, remotePooled]) {
    const all = (m: string): number => t.find((r) => r.workflow === "(all)" && r.method === m)?.ours ?? NaN;
    assert.ok(all("Lotaru-G") < all("Naive") && all("Lotaru-A") < all("Naive"));
    assert.ok(all("Lotaru-G") < all("Online-M") && all("Lotaru-A") < all("Online-M"));
  }
});
