import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { harnessDir, loadHarness } from "../../data/harness";
import { groupKFold } from "../../models/evaluate/splits";
import { featuresForStep, stepData } from "./stepModels";
import { stackedStepTable } from "./stackedSteps";

const have = existsSync(join(harnessDir(), "trace.tsv"));

test("stacked step table: per-step rows of stepData, features known before each step, step one-hot, config-id groups", { skip: have ? false : "no harness data" }, () => {
  const runs = loadHarness().runs;
  const steps = ["bwa_mem", "markduplicates", "freebayes"];
  const t = stackedStepTable(runs, steps);
  const per = steps.map((s) => stepData(runs, s, "cpuS"));
  assert.equal(t.X.length, per.reduce((a, d) => a + d.records.length, 0));
  assert.equal(t.featureNames.length, t.specs.length);
  assert.ok(t.X.every((r) => r.length === t.featureNames.length));
  // picard_dup is MarkDuplicates' output: known in flight to the callers (its descendants), not to
  // BWA-MEM or to MarkDuplicates itself (workflow DAG, lib/workflow)
  const dup = t.featureNames.indexOf("picard_dup");
  const reads = t.featureNames.indexOf("reads");
  assert.ok(dup > 0 && reads === 0, "size first; an alignment metric is a column");
  assert.equal(t.featureNames.indexOf("mismatch_rate"), -1, "a sibling's metric (alignment_summary) is known to none of these steps");
  const bwaMem = featuresForStep("bwa_mem").map((f) => f.name);
  t.X.forEach((r, i) => {
    const s = t.steps[i] as string;
    steps.forEach((q, k) => assert.equal(r[t.featureNames.length - steps.length + k], q === s ? 1 : 0));
    if (s === "bwa_mem") t.featureNames.forEach((n, j) => { if (!n.startsWith("step=") && !bwaMem.includes(n)) assert.ok(Number.isNaN(r[j] as number), n); });
    if (s === "freebayes") assert.ok(Number.isFinite(r[dup] as number), "freebayes sees MarkDuplicates' metrics");
    else assert.ok(Number.isNaN(r[dup] as number), `${s} does not see MarkDuplicates' metrics`);
  });
  // targets are the per-step log CPU times, in step order
  assert.deepEqual(Array.from(t.yLog), per.flatMap((d) => Array.from(d.yLog)));
  // a config's rows of every step land in one test fold
  for (const f of groupKFold(3, t.groups, 42)) {
    const test = new Set(Array.from(f.test, (i) => t.groups[i]));
    for (const i of f.train) assert.equal(test.has(t.groups[i] as string), false);
  }
});
