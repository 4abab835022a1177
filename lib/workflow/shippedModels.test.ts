import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { test } from "node:test";
import { TIER_MOMENT, tierFeatures, type Tier } from "../features/tiers";
import { loadModel } from "../models/serialize";
import { columnAvailability, MOMENTS, type Moment } from "./harnessDag";

const MODELS = resolve(__dirname, "..", "..", "artifacts", "models");

test("every shipped model declares step, tier and moment and uses only features available then (workflow DAG)", () => {
  const files = readdirSync(MODELS).filter((f) => f.endsWith(".json"));
  assert.ok(files.length > 0, "no shipped model in artifacts/models");
  const bad: string[] = [];
  for (const f of files) {
    const { file } = loadModel(join(MODELS, f));
    assert.ok(file.step, `${f}: no step`);
    assert.ok(MOMENTS.includes(file.moment as Moment), `${f}: moment '${file.moment}' is not one of ${MOMENTS.join(", ")}`);
    assert.equal(TIER_MOMENT[file.tier as Tier], file.moment, `${f}: tier '${file.tier}' does not belong to moment '${file.moment}'`);
    for (const spec of file.features) {
      const a = columnAvailability(spec.name, file.step as string, file.moment as Moment);
      if (!a.available) bad.push(`${f}: ${spec.name} (${a.reason})`);
    }
    assert.ok(file.envelope && file.envelope.rows > 0, `${f}: no training envelope`);
  }
  assert.deepEqual(bad, []);
});

test("every shipped step has a FastQC-only submission model", () => {
  const files = readdirSync(MODELS).filter((f) => f.endsWith(".json")).map((f) => loadModel(join(MODELS, f)).file);
  for (const step of new Set(files.map((f) => f.step))) {
    const fq = files.find((f) => f.step === step && f.tier === "fastqc");
    assert.ok(fq, `${step}: no fastqc-tier model`);
    assert.ok(fq.features.every((s) => s.name.startsWith("fastqc.") || s.name.startsWith("derived.")), `${step}: fastqc tier reads ${fq.features.map((s) => s.name).join(", ")}`);
  }
});

test("tiers from the DAG: callers never see the Picard/samtools metrics of their siblings; SortSam in flight sees BWA-MEM's time", () => {
  for (const step of ["bcftools_call", "freebayes"]) {
    const cols = tierFeatures(step, "in-flight").map((f) => f.column);
    assert.ok(!cols.includes("picard.aln.pf_mismatch_rate") && !cols.some((c) => c.startsWith("samtools.")), cols.join(","));
    assert.ok(cols.includes("picard.dup.percent_duplication"), "MarkDuplicates is an ancestor of the callers");
  }
  const ss = tierFeatures("sortsam", "in-flight").map((f) => f.column);
  assert.ok(ss.includes("ancestor.bwa_mem.cpu_s") && ss.includes("ancestor.samtools_view.output_bytes"));
  assert.ok(!ss.includes("ancestor.sortsam.cpu_s") && !ss.includes("picard.dup.percent_duplication"), "not its own or a descendant's output");
  assert.ok(!tierFeatures("markduplicates", "in-flight").some((f) => f.column.startsWith("picard.dup.")), "MarkDuplicates' own metrics");
  for (const t of ["fastqc", "fastp"] as const) assert.ok(tierFeatures("freebayes", t).every((f) => f.column.startsWith("fastqc.") || f.column.startsWith("derived.") || (t === "fastp" && f.column.startsWith("fastp."))));
  assert.equal(tierFeatures("bwa_mem", "fastqc")[0]?.kind, "size", "size first (the tail model's comparables use column 0)");
  assert.throws(() => tierFeatures("bwa_mem", "everything" as Tier), /unknown tier/);
});
