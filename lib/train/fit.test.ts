import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { trainStepModel, writeStepModel, fitWithRecipe } from "../analysis/prediction/stepModels";
import { loadHarness } from "../features/harness";
import { featureMatrix } from "../models/features";
import { loadModel } from "../models/serialize";
import { predictTiered } from "../models/tiered";
import { readTraces } from "../traces/read";
import { fitStepModel } from "./fit";
import { stepTable, tasksByStep } from "./features";
import { joinTasksToQc } from "./join";
import { readQcSources } from "./qcSource";
import { readSampleMap } from "./train";
import { harness } from "./testData";

/** A model file without its free-text description, the checksum that covers it, and the reference genome (05 knows the harness's; a trace does not say). */
const body = (f: string): Record<string, unknown> => {
  const j = JSON.parse(readFileSync(f, "utf8")) as Record<string, unknown>;
  delete j["description"];
  delete j["bodySha256"];
  delete (j["envelope"] as Record<string, unknown>)["genomes"];
  return j;
};

async function joined(n: number) {
  const h = harness(n);
  const j = await joinTasksToQc(readTraces([h.trace], { keepRaw: ["name", "hash", "duration", "repeat", "rule", "load_label", "output_bytes", "cpu_model"] }), readQcSources(h.runDirs), { target: "cpu", map: readSampleMap(h.design) });
  return { h, j, byStep: tasksByStep(j.tasks) };
}

test("train's harness models equal notebook 05's tiered models through the one writer: submission = fastp tier, in flight = in-flight tier (fit, step, tier, moment, envelope; all but the description and genome)", async () => {
  const { h, j, byStep } = await joined(40);
  const dir = mkdtempSync(join(tmpdir(), "gwt-train-fit-"));
  try {
    const runs = loadHarness(h.dir, { limit: 40 }).runs;
    for (const [step, tier, moment] of [["bwa_mem", "fastp", "submission"], ["sortsam", "in-flight", "in-flight"]] as const) {
      // notebook 05's path
      const shipped = trainStepModel(runs, step, join(dir, "05"), { seed: 7, tier });
      assert.ok(shipped.file);
      // gwtime train's path: trace + run folders + design map -> join -> moment's features -> the same writer
      const { table } = stepTable(step, j.tasks, j.samples, { moment, byStep });
      const fitted = fitStepModel(table, join(dir, "train"), { fileStem: `${step}-${tier}`, target: "cpuS", description: "x", seed: 7, tier, cpuModels: ["AMD EPYC"] });
      assert.equal(fitted.n, shipped.n, step);
      const a = body(fitted.file);
      assert.deepEqual(a, body(shipped.file as string), step);
      assert.deepEqual([a["step"], a["tier"], a["moment"]], [step, tier, moment]);
      assert.equal(fitted.cvR2, shipped.cvR2);
      // predict treats them alike: same predictions, tier, moment and envelope flags per sample
      const recs = table.records.slice(0, 12);
      const ids = table.ids.slice(0, 12);
      const p = (f: string) => predictTiered([{ loaded: loadModel(f) }], recs, ids).map((r) => ({ ...r }));
      assert.deepEqual(p(fitted.file), p(shipped.file as string), step);
      assert.ok(p(fitted.file).every((r) => r.error === null && r.tier === tier && r.moment === moment));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the one writer refuses a feature not known at the model's moment and writes nothing", async () => {
  const { j, byStep } = await joined(40);
  const { table } = stepTable("sortsam", j.tasks, j.samples, { moment: "in-flight", byStep });
  assert.ok(table.specs.some((s) => s.name === "ancestor.bwa_mem.cpu_s"));
  const X = featureMatrix(table.records, table.specs);
  const fit = fitWithRecipe(X, table.yLog, table.groups, undefined, { seed: 7 });
  const dir = mkdtempSync(join(tmpdir(), "gwt-train-refuse-"));
  try {
    const meta = { step: "sortsam", target: "cpuS", description: "x", seed: 7, genomes: [], cpuModels: [] };
    assert.throws(() => writeStepModel(join(dir, "m.json"), fit, X, table.yLog, table.records, table.specs, { ...meta, tier: "fastp" }), /moment submission.*ancestor\.bwa_mem\.cpu_s \(observed on the completed step bwa_mem: known only in flight/);
    assert.throws(() => loadModel(join(dir, "m.json")), /cannot read/, "nothing written");
    // in flight, but a graph in which bwa_mem is not an ancestor of sortsam: refused by the given availability
    assert.throws(() => writeStepModel(join(dir, "m.json"), fit, X, table.yLog, table.records, table.specs, { ...meta, tier: "in-flight", availability: (c) => ({ available: !c.startsWith("ancestor.bwa_mem."), producer: "x", reason: "not an ancestor here" }) }), /ancestor\.bwa_mem\.cpu_s \(not an ancestor here\)/);
    writeStepModel(join(dir, "m.json"), fit, X, table.yLog, table.records, table.specs, { ...meta, tier: "in-flight" });
    assert.equal(loadModel(join(dir, "m.json")).file.moment, "in-flight");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
