import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { harnessDir, loadHarness, referenceLengths, type HarnessRun } from "../../data/harness";
import { chanceDuplicatePct, chanceDuplicates, EXCESS_DUP_COLUMN, featureDrift, withExcessDuplicates } from "./featureDrift";

function run(id: string, nPairs: number, varied: string, metrics: Record<string, number>, genome = "ecoli_k12"): HarnessRun {
  return { runId: id, configId: id, phase: "ladder1", varied, repeat: 1, loadLabel: "none", genome, design: { n_pairs: nPairs }, metrics, steps: new Map() } as unknown as HarnessRun;
}

test("feature drift: change from the smallest to the largest size, against the feature's signal at the smallest size", () => {
  const runs = [
    run("a", 200_000, "baseline", { q: 35, d: 1 }), run("b", 200_000, "qual_shift", { q: 20, d: 0 }), run("b2", 200_000, "dup_rate", { q: 35, d: 51 }),
    run("c", 3_200_000, "baseline", { q: 35, d: 14 }), run("c2", 3_200_000, "baseline", { q: 35, d: 16 }), run("e", 3_200_000, "qual_shift", { q: 20 }),
    run("f", 800_000, "baseline", { q: 35, d: 4 }, "pfalciparum"), run("g", 800_000, "qual_shift", { q: 20, d: 0.1 }, "pfalciparum"),
    run("h", 3_200_000, "baseline", { q: 35, d: 5 }, "pfalciparum"),
  ];
  const rows = featureDrift(runs, ["q", "d"]);
  const row = (f: string, q: string) => rows.find((r) => r.feature === f && r.quality === q && r.genome === "ecoli_k12");
  const d = row("d", "baseline")!;
  assert.deepEqual(d.bySize, [{ nPairs: 200_000, value: 1, runs: 1 }, { nPairs: 3_200_000, value: 15, runs: 2 }]);
  assert.equal(d.change, 14);
  assert.equal(d.signal, 51); // 51 (E. coli dup_rate at 0.2M) − 0 (E. coli qual_shift at 0.2M)
  assert.ok(Math.abs(d.changeOverSignal - 14 / 51) < 1e-12);
  assert.equal(row("q", "baseline")!.changeOverSignal, 0);
  // a size whose runs lack the feature is absent, so a cell left with one size gives no row
  assert.equal(row("d", "qual_shift"), undefined);
  assert.equal(row("d", "dup_rate"), undefined);
  // the other genome (no duplicate configuration) is measured against the same signal, from its own smallest size
  const pf = rows.find((r) => r.feature === "d" && r.genome === "pfalciparum" && r.quality === "baseline")!;
  assert.deepEqual([pf.bySize.map((s) => s.nPairs), pf.change, pf.signal], [[800_000, 3_200_000], 1, 51]);
  // a cell with one size gives no row
  assert.ok(!rows.some((r) => r.genome === "pfalciparum" && r.quality === "qual_shift"));
});

test("chance duplicates: Poisson occupancy of read starts on both strands", () => {
  assert.ok(Math.abs(chanceDuplicatePct(1e-9, 1e6)) < 1e-6, "vanishing depth: no chance duplicates");
  // λ = 1: 1 − (1 − 1/e) = 1/e
  assert.ok(Math.abs(chanceDuplicatePct(2e6, 1e6) - 100 / Math.E) < 1e-9);
  assert.ok(chanceDuplicatePct(3.2e6, 4.6e6) > chanceDuplicatePct(0.8e6, 4.6e6));
  assert.throws(() => chanceDuplicatePct(0, 1e6), /reads \(0\)/);
});

test("excess duplicates: FastQC's duplicate % above the chance level; runs lacking an input keep no such metric", () => {
  const lengths = new Map([["ecoli_k12", 1e6]]);
  const [a, b, c] = withExcessDuplicates([
    run("a", 2e6, "baseline", { "derived.fastqc_dup_pct": 40, "fastqc.total_sequences": 2e6 }),
    run("b", 2e6, "baseline", { "fastqc.total_sequences": 2e6 }),
    run("c", 2e6, "baseline", { "derived.fastqc_dup_pct": 40, "fastqc.total_sequences": 2e6 }, "unknown_genome"),
  ], lengths);
  assert.ok(Math.abs(a!.metrics[EXCESS_DUP_COLUMN]! - (40 - 100 / Math.E)) < 1e-9);
  assert.equal(b!.metrics[EXCESS_DUP_COLUMN], undefined);
  assert.equal(c!.metrics[EXCESS_DUP_COLUMN], undefined);
});

const SCALE = harnessDir("harness-scale");
const haveScale = existsSync(join(SCALE, "trace.tsv"));

test("on the scale ladder, FastQC's duplicate % of the baseline reads is the chance level of its depth; mean quality does not move", { skip: haveScale ? false : "no data/harness-scale/trace.tsv" }, () => {
  const h = loadHarness(SCALE);
  const lengths = referenceLengths(SCALE);
  const base = h.runs.filter((r) => r.varied === "baseline" && r.loadLabel === "none");
  assert.ok(base.length >= 4, `${base.length} baseline runs`);
  for (const r of base) {
    const c = chanceDuplicates(r, lengths);
    assert.ok(c, `${r.runId} has a chance level`);
    // within 25% of the chance level at every size, though that level spans 1% to 28%
    assert.ok(Math.abs(c.observedPct / c.chancePct - 1) < 0.25, `${r.runId}: FastQC dup ${c.observedPct}% vs chance ${c.chancePct.toFixed(2)}%`);
  }
  const drift = featureDrift(h.runs, ["derived.fastqc_dup_pct", "fastqc.mean_quality"]);
  const ecBase = (f: string) => drift.find((d) => d.feature === f && d.genome === "ecoli_k12" && d.quality === "baseline")!;
  assert.ok(ecBase("derived.fastqc_dup_pct").change > 10, "E. coli baseline: 0.2M → 3.2M pairs adds > 10 points of 'duplication'");
  assert.ok(ecBase("fastqc.mean_quality").changeOverSignal < 0.01, "mean quality holds still with size");
});
