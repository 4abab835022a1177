import assert from "node:assert/strict";
import { test } from "node:test";
import { loadHarness, type HarnessRun } from "../../data/harness";
import { LinearRidge } from "../../models/ridge";
import type { TaskRun } from "../../traces/schema";
import type { RunPairing } from "./replication";
import { hostTransfer, unseenInputs } from "./transfer";

/** The same run timed on a machine `f` times as fast (every step's time multiplied by f). */
function rescaled(r: HarnessRun, f: number): HarnessRun {
  const steps = new Map<string, TaskRun>([...r.steps].map(([k, t]) => [k, { ...t, cpuS: t.cpuS === undefined ? undefined : t.cpuS * f, wallS: t.wallS === undefined ? undefined : t.wallS * f }]));
  return { ...r, steps };
}

// Real harness runs (data/harness, first 120: one-factor, noise, load and early LHS rows), split by
// input configuration so the test runs are inputs the model never saw.
const runs = loadHarness(undefined, { limit: 120 }).runs;
const configs = [...new Set(runs.map((r) => r.configId))];
const testConfigs = new Set(configs.filter((_, i) => i % 3 === 0));
const train = runs.filter((r) => !testConfigs.has(r.configId));
const unseen = runs.filter((r) => testConfigs.has(r.configId));
const unloadedUnseen = unseen.filter((r) => r.loadLabel === "none");
const STEPS = ["bwa_mem", "freebayes"] as const;
const pairing = (f: number): RunPairing => ({ labelA: "A", labelB: "B", pairs: train.filter((r) => r.loadLabel === "none").map((a) => ({ runId: a.runId, a, b: rescaled(a, f) })), unmatched: [], inputMismatch: [], loaded: [] });

test("a machine at half the time: the scale is recovered and rescaled predictions score as on the original machine (real runs)", () => {
  const same = hostTransfer(train, unseen, pairing(1), STEPS, new LinearRidge({ alpha: 1 }), { fewPairs: [1, 5], draws: 20 });
  const half = hostTransfer(train, unseen.map((r) => rescaled(r, 0.5)), pairing(0.5), STEPS, new LinearRidge({ alpha: 1 }), { fewPairs: [1, 5], draws: 20 });
  assert.deepEqual(half.map((r) => r.step), ["bwa_mem", "freebayes"]);
  for (const [s, h] of same.map((r, i) => [r, half[i]] as const)) {
    assert.ok(h, "one row per step");
    assert.ok(h.nTest > 10 && h.nTrain > 2 * h.nTest - 20, JSON.stringify(h));
    assert.equal(s.scale, 1);
    assert.ok(Math.abs(h.scale - 0.5) < 1e-12, `scale ${h.scale}`);
    // Scaled on the fast machine == raw on the original; raw on the fast machine is biased by 0.5.
    assert.ok(Math.abs(h.mdapeScaled - s.mdapeRaw) < 1e-9, `${h.mdapeScaled} vs ${s.mdapeRaw}`);
    assert.ok(Math.abs(h.r2LogScaled - s.r2LogRaw) < 1e-9);
    assert.ok(Math.abs(h.medianActualOverPredRaw - 0.5 * s.medianActualOverPredRaw) < 1e-9);
    assert.ok(h.mdapeRaw > h.mdapeScaled && h.r2LogRaw < h.r2LogScaled, "an unscaled 2x offset must cost accuracy");
    // Every pair says exactly 0.5, so one pair is as good as all of them.
    for (const fp of h.fewPairs) assert.ok(Math.abs(fp.mdapeMedian - s.mdapeRaw) < 1e-9 && Math.abs(fp.mdapeP90 - s.mdapeRaw) < 1e-9, JSON.stringify(fp));
    // The real model must beat a trivial bound on unseen inputs of the same machine.
    assert.ok(s.mdapeRaw < 0.5, `${s.step} MdAPE ${s.mdapeRaw}`);
  }
});

test("test runs that are also training runs are refused (not an unseen-input score); unseenInputs picks the rest", () => {
  assert.deepEqual(unseenInputs(train, runs).map((r) => r.runId), unloadedUnseen.map((r) => r.runId));
  assert.ok(unloadedUnseen.length > 0);
  assert.throws(() => hostTransfer(train, [train[0] as HarnessRun], pairing(1), STEPS, new LinearRidge({ alpha: 1 })), /also in the training set: r\d+ \(c\d+\)/);
});

test("a few noisy calibration pairs: the spread of the scale shows up in the P90 (real runs, constructed noise)", () => {
  // Each pair's B time is A time x 0.6 x a fixed per-run wobble spread over [0.8, 1.25): small calibration sets scatter.
  const p = pairing(0.6);
  const wobbly: RunPairing = { ...p, pairs: p.pairs.map((x, i) => ({ ...x, b: rescaled(x.a, 0.6 * (0.8 + (0.45 * ((i * 37) % 100)) / 100)) })) };
  const [row] = hostTransfer(train, unseen.map((r) => rescaled(r, 0.6)), wobbly, ["bwa_mem"], new LinearRidge({ alpha: 1 }), { fewPairs: [1, 10], draws: 100, seed: 3 });
  assert.ok(row);
  const [one, ten] = row.fewPairs;
  assert.ok(one && ten && one.n === 1 && ten.n === 10);
  assert.ok(one.mdapeP90 > ten.mdapeP90, `P90 with 1 pair ${one.mdapeP90} should exceed with 10 pairs ${ten.mdapeP90}`);
});
