import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { projectRoot } from "../../data/paths";
import { cpuModels, harnessDir, loadHarness, readInputChecksums, type HarnessRun } from "../../data/harness";
import type { TaskRun } from "../../traces/schema";
import { rng } from "../../util/stats";
import { effectReplicationFigure, hostRatioFigure } from "./figures";
import { effectReplication, hostStepRatios, medianWallOverCpu, pairRuns, replicationSummary } from "./replication";

function run(id: string, config: string, varied: string, design: Record<string, number>, times: Record<string, number>, loadLabel = "none"): HarnessRun {
  const steps = new Map(Object.entries(times).map(([task, t]) => [task, { task, status: "COMPLETED", wallS: t, cpuS: t, raw: { cpu_model: "CPU" } } as unknown as TaskRun]));
  return { runId: id, configId: config, phase: "ofat1", varied, repeat: 1, loadLabel, design, metrics: {}, steps };
}

test("host B's step ratios and the replication of effects are recovered (constructed data)", () => {
  // qual_shift -15 makes freebayes 3x slower on A; B runs bwa_mem 1.3x slower, freebayes 0.8x, the effect unchanged.
  const r = rng(5);
  const jitter = (): number => 1 + 0.02 * (r() - 0.5);
  const rows: Array<[string, string, string, number]> = [["r1", "c1", "baseline", 0], ["r2", "c2", "qual_shift", -15], ["r3", "c1", "baseline", 0], ["r4", "c1", "baseline", 0], ["r5", "c2", "qual_shift", -15]];
  const mk = (bwa: number, fb: number): HarnessRun[] =>
    rows.map(([id, c, v, q]) => run(id, c, v, { qual_shift: q, dup_rate: 0 }, { bwa_mem: 20 * bwa * jitter(), freebayes: 10 * fb * (q < 0 ? 3 : 1) * jitter() }));
  const a = mk(1, 1);
  const b = [...mk(1.3, 0.8), run("r9", "c9", "baseline", { qual_shift: 0, dup_rate: 0 }, { bwa_mem: 1 })];
  const inputs = new Map([...rows.map(([id, c]) => [id, `sha-${c}`] as [string, string]), ["r9", "sha-c9"]]);
  const bInputs = new Map(inputs);
  bInputs.set("r4", "sha-other"); // input not identical: must not be paired
  const bLoaded = b.map((x) => (x.runId === "r5" ? { ...x, loadLabel: "cpu_io" } : x));
  const p = pairRuns({ label: "A", runs: a, inputs }, { label: "B", runs: bLoaded, inputs: bInputs });
  assert.deepEqual(p.pairs.map((x) => x.runId), ["r1", "r2", "r3"]);
  assert.deepEqual([p.unmatched, p.inputMismatch, p.loaded], [["r9"], ["r4"], ["r5"]]);
  const ratios = hostStepRatios(p, ["bwa_mem", "freebayes", "absent"], "cpuS", { reps: 200, seed: 2 });
  assert.deepEqual(ratios.map((x) => x.step), ["bwa_mem", "freebayes"], "a step with no times has no row");
  const [bwa, fb] = ratios;
  assert.ok(bwa && Math.abs(bwa.medianRatio - 1.3) < 0.03 && bwa.ciLo <= bwa.medianRatio && bwa.medianRatio <= bwa.ciHi, JSON.stringify(bwa));
  assert.ok(fb && Math.abs(fb.medianRatio - 0.8) < 0.02);
  const rep = effectReplication(p, ["qual_shift", "dup_rate"], ["bwa_mem", "freebayes"], "cpuS");
  const cell = rep.find((x) => x.factor === "qual_shift" && x.step === "freebayes");
  assert.ok(cell && Math.abs(cell.ratioA - 3) < 0.1 && Math.abs(cell.ratioB - 3) < 0.1 && Math.abs(cell.log2Diff) < 0.05, JSON.stringify(cell));
  assert.equal(rep.some((x) => x.factor === "dup_rate"), false, "a factor never varied has no effect cell");
  const s = replicationSummary(rep);
  assert.equal(s.realOnA, 1, "only the freebayes effect is beyond noise");
  assert.equal(s.replicatedOnB, 1);
  assert.equal(hostRatioFigure(ratios, "A", "B", "CPU time").data[1]?.x?.length, 2);
  assert.equal(effectReplicationFigure(rep, ["bwa_mem", "freebayes"], "A", "B").data.length, 3);
});

const main = harnessDir();
const second = harnessDir("harness-second-host");

test("runs sharing a configuration had byte-identical input, others did not (committed manifest)", { skip: existsSync(join(main, "manifest.json")) ? false : "no harness data" }, () => {
  const h = loadHarness();
  const sums = readInputChecksums();
  const byConfig = new Map<string, Set<string>>();
  for (const r of h.runs) {
    const s = sums.get(r.runId);
    assert.ok(s && /^[0-9a-f]{64}:[0-9a-f]{64}$/.test(s), `${r.runId} has input checksums`);
    byConfig.set(r.configId, (byConfig.get(r.configId) ?? new Set()).add(s));
  }
  for (const [c, s] of byConfig) assert.equal(s.size, 1, `config ${c}: one input`);
  assert.equal(new Set([...byConfig.values()].map((s) => [...s][0])).size, byConfig.size, "distinct configs, distinct inputs");
  assert.throws(() => readInputChecksums(join(main, "runs")), /runs\/manifest\.json: cannot read/);
});

test("the second-host rerun had the same inputs as the main dataset and ran on another CPU", { skip: existsSync(join(second, "manifest.json")) ? false : "no data/harness-second-host" }, () => {
  const a = loadHarness(main);
  const b = loadHarness(second);
  const p = pairRuns({ label: "A", runs: a.runs, inputs: readInputChecksums(main) }, { label: "B", runs: b.runs, inputs: readInputChecksums(second) });
  assert.deepEqual(p.inputMismatch, [], "seeded simulation reproduces every input byte for byte on another machine");
  // Runs only on B are the design rows A never ran (the design was finished on B).
  const designA = new Set(readFileSync(join(main, "design.tsv"), "utf8").split("\n").slice(1).map((l) => l.split("\t")[0]));
  const onA = new Set(a.runs.map((r) => r.runId));
  for (const id of p.unmatched) assert.ok(designA.has(id) && !onA.has(id), `${id}: a design row of data/harness that it has no run for`);
  assert.equal(p.pairs.length + p.loaded.length + p.unmatched.length, b.runs.length);
  // Where such a run repeats a configuration A did run (baseline repeats in the hypercube), the input is A's, byte for byte.
  const sumsA = readInputChecksums(main);
  const sumsB = readInputChecksums(second);
  const inputOfConfigA = new Map(a.runs.map((r) => [r.configId, sumsA.get(r.runId)] as const));
  const repeats = b.runs.filter((r) => p.unmatched.includes(r.runId) && inputOfConfigA.has(r.configId));
  for (const r of repeats) assert.equal(sumsB.get(r.runId), inputOfConfigA.get(r.configId), `${r.runId} (${r.configId})`);
  assert.equal(cpuModels(b.runs).length, 1);
  assert.notDeepEqual(cpuModels(b.runs), cpuModels(a.runs));
});

test("wall / CPU per step: one busy core is 1, two are 0.5; loaded runs and missing steps are left out", () => {
  const mk = (id: string, wall: number, cpu: number, load = "none"): HarnessRun => {
    const steps = new Map([["bwa_mem", { task: "bwa_mem", status: "COMPLETED", wallS: wall, cpuS: cpu } as unknown as TaskRun]]);
    return { runId: id, configId: id, phase: "ofat1", varied: "baseline", repeat: 1, loadLabel: load, design: {}, metrics: {}, steps };
  };
  assert.equal(medianWallOverCpu([mk("r1", 10, 20), mk("r2", 11, 20), mk("r3", 12, 20), mk("r4", 100, 20, "cpu_io")], "bwa_mem"), 0.55);
  assert.ok(Number.isNaN(medianWallOverCpu([mk("r1", 10, 20)], "freebayes")));
});
