import assert from "node:assert/strict";
import { test } from "node:test";
import { impossibleValue, outsideEnvelope, trainingEnvelope } from "./envelope";
import { featureTableFromText } from "../features/featureTable";
import { LinearRidge } from "./ridge";
import { parseModel, modelToJSON, type LoadedModel } from "./serialize";
import { predictTiered, TIER_ORDER } from "./tiered";
import { TIERS } from "../features/tiers";
import type { FeatureSpec } from "./features";

// Two tiers of one step trained on a small synthetic table (labelled: a fault test, not a claim).
const reads: FeatureSpec = { name: "fastqc.total_sequences", unit: "reads per mate", transform: "log1p" };
const q: FeatureSpec = { name: "fastqc.mean_quality", unit: "Phred", transform: "identity" };
const dup: FeatureSpec = { name: "fastp.duplication_rate_pct", unit: "%", transform: "identity" };
const frac: FeatureSpec = { name: "fastp.before_q30_rate", unit: "fraction", transform: "identity" };
const rows = Array.from({ length: 30 }, (_, i) => ({ "fastqc.total_sequences": 1e5 * (1 + (i % 6)), "fastqc.mean_quality": 25 + (i % 10), "fastp.duplication_rate_pct": i % 7, "fastp.before_q30_rate": 0.6 + (i % 4) / 10 }));
const y = rows.map((r) => Math.log(r["fastqc.total_sequences"] / 1e4) + (40 - r["fastqc.mean_quality"]) / 20);
function model(tier: string, specs: FeatureSpec[]): LoadedModel {
  const X = rows.map((r) => Float64Array.from(specs, (s) => (s.transform === "log1p" ? Math.log1p(r[s.name as keyof typeof r]) : r[s.name as keyof typeof r])));
  const m = new LinearRidge({ alpha: 0.1 }).fit(X, y);
  const text = modelToJSON(m, { features: specs, target: { name: "cpuS", unit: "s", transform: "log" }, trainingDataSha256: "x", seed: 1, step: "bwa_mem", tier, moment: "submission", envelope: trainingEnvelope(rows, specs, { genomes: [{ name: "ecoli_k12", lengthBp: 4639675 }], cpuModels: ["test CPU"] }) });
  return parseModel(text);
}
const models = [{ loaded: model("fastqc", [reads, q]) }, { loaded: model("fastp", [reads, q, dup, frac]) }];

test("per-sample tiers: the richest tier with all features; a missing feature drops to the next; nothing imputed", () => {
  const recs = [
    { "fastqc.total_sequences": 2e5, "fastqc.mean_quality": 30, "fastp.duplication_rate_pct": 2, "fastp.before_q30_rate": 0.8 },
    { "fastqc.total_sequences": 2e5, "fastqc.mean_quality": 30 },
    { "fastqc.total_sequences": 2e5, "fastqc.mean_quality": 30, "fastp.duplication_rate_pct": 2 },
    { "fastp.duplication_rate_pct": 2, "fastp.before_q30_rate": 0.8 },
    {},
  ];
  const p = predictTiered(models, recs, ["full", "fastqc-only", "half-fastp", "fastp-only", "empty"]);
  assert.deepEqual(p.map((r) => r.tier), ["fastp", "fastqc", "fastqc", null, null]);
  assert.ok(p[0]!.predicted! > 0 && p[1]!.predicted! > 0 && p[0]!.error === null);
  assert.match(p[2]!.skippedTiers[0] ?? "", /tier fastp lacks feature\(s\) fastp\.before_q30_rate/);
  assert.match(p[3]!.error ?? "", /no tier has all its features: tier fastp lacks feature\(s\) fastqc\.total_sequences, fastqc\.mean_quality; tier fastqc lacks/);
  assert.equal(p[4]!.predicted, null, "an empty row gets no number");
});

test("hostile rows: impossible values refused per sample naming the feature; the other samples are predicted; out-of-range flagged", () => {
  const csv = [
    "sample,fastqc.total_sequences,fastqc.mean_quality,fastp.duplication_rate_pct,fastp.before_q30_rate",
    "ok,200000,30,2,0.8",
    "nan,NaN,30,2,0.8",
    "inf,200000,Infinity,2,0.8",
    "neg,-5,30,2,0.8",
    "phred,200000,1e12,2,0.8",
    "frac,200000,30,2,1.5",
    "text,200000,30,abc,0.8",
    "huge,9e9,30,2,0.8",
  ].join("\n");
  const t = featureTableFromText(csv, "hostile.csv");
  const p = predictTiered(models, t.records, t.ids);
  const by = new Map(p.map((r) => [r.sample, r]));
  assert.equal(by.get("ok")!.error, null);
  assert.deepEqual(by.get("ok")!.outsideTrainingRange, []);
  assert.match(by.get("nan")!.error!, /fastqc\.total_sequences = NaN is not a finite number/);
  assert.match(by.get("inf")!.error!, /fastqc\.mean_quality = Infinity/);
  assert.match(by.get("neg")!.error!, /fastqc\.total_sequences = -5 is negative/);
  assert.match(by.get("phred")!.error!, /fastqc\.mean_quality = 1000000000000 is above Phred 60/);
  assert.match(by.get("frac")!.error!, /fastp\.before_q30_rate = 1\.5 is a fraction outside \[0, 1\]/);
  assert.match(by.get("text")!.error!, /fastp\.duplication_rate_pct = NaN/);
  for (const s of ["nan", "inf", "neg", "phred", "frac", "text"]) assert.equal(by.get(s)!.predicted, null, s);
  assert.equal(by.get("huge")!.tier, "fastp");
  assert.deepEqual(by.get("huge")!.outsideTrainingRange, ["fastqc.total_sequences"]);
});

test("envelope and value checks", () => {
  const env = trainingEnvelope(rows, [reads, q], { genomes: [{ name: "g" }], cpuModels: ["c"] });
  assert.deepEqual(env.reads, { min: 1e5, max: 6e5 });
  assert.deepEqual(env.features["fastqc.mean_quality"], { min: 25, max: 34 });
  assert.deepEqual(outsideEnvelope(env, { "fastqc.total_sequences": 1e4, "fastqc.mean_quality": 30 }, [reads, q]), ["fastqc.total_sequences"]);
  assert.equal(impossibleValue(q, 60), undefined);
  assert.match(impossibleValue(dup, 101) ?? "", /percentage above 100/);
  assert.equal(impossibleValue(frac, 0), undefined);
});

test("tiered prediction ranks tiers in lib/features/tiers' order (models keep their own copy: layers)", () => {
  assert.deepEqual([...TIER_ORDER], [...TIERS]);
});
