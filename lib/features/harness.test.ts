import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { FEATURES } from "./registry";
import { HARNESS_STEPS } from "./steps";
import { harnessDir, loadHarness } from "./harness";

const dir = harnessDir();
const have = existsSync(join(dir, "trace.tsv"));

test("the committed harness dataset loads through the trace reader and the QC parsers", { skip: have ? false : "no data/harness/trace.tsv" }, () => {
  const h = loadHarness();
  const folders = readdirSync(join(dir, "runs")).filter((f) => existsSync(join(dir, "runs", f, "run.json")));
  assert.equal(h.runs.length, folders.length, "every run folder becomes one run");
  assert.deepEqual(h.issues, [], "no reader or parser issue on our own data");
  for (const r of h.runs) {
    for (const s of HARNESS_STEPS) assert.ok(r.steps.has(s), `${r.runId} has step ${s}`);
    // Reads-stage features exist for every run (FastQC + fastp outputs are always there).
    for (const f of FEATURES.filter((x) => x.stage !== "alignment")) assert.ok(f.column in r.metrics, `${r.runId} has ${f.column}`);
    assert.equal(r.metrics["fastqc.total_sequences"], r.design["n_pairs"], `${r.runId}: FastQC read count equals the designed pairs`);
  }
});

test("QC metrics follow the controlled factors (the design is visible in the measurements)", { skip: have ? false : "no harness data" }, () => {
  const h = loadHarness();
  const base = h.runs.find((r) => r.varied === "baseline");
  const lowq = h.runs.find((r) => r.varied === "qual_shift" && Number(r.design["qual_shift"]) <= -10);
  const dup = h.runs.find((r) => r.varied === "dup_rate" && Number(r.design["dup_rate"]) >= 0.25);
  assert.ok(base && lowq && dup);
  assert.ok((lowq.metrics["picard.aln.pf_mismatch_rate"] as number) > 5 * (base.metrics["picard.aln.pf_mismatch_rate"] as number));
  assert.ok((lowq.metrics["fastqc.mean_quality"] as number) < (base.metrics["fastqc.mean_quality"] as number) - 5);
  const designed = Number(dup.design["dup_rate"]);
  assert.ok(Math.abs((dup.metrics["picard.dup.percent_duplication"] as number) - designed) < 0.05, "Picard measures the duplicate rate we put in");
});

test("limit keeps the first n runs (smoke mode)", { skip: have ? false : "no harness data" }, () => {
  assert.equal(loadHarness(dir, { limit: 2 }).runs.length, Math.min(2, loadHarness().runs.length));
});
