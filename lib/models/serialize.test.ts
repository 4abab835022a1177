import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { main } from "../cli/main";
import { SplitConformal } from "./conformal";
import { GradientBoostedTrees } from "./gbt/gbt";
import { LinearRidge } from "./ridge";
import { LinearOLS } from "./mlLinear";
import { LogLinearSize } from "./baseline";
import { MlRandomForest } from "./mlRandomForest";
import { modelCard } from "./modelCard";
import { predictRuntime } from "./predict";
import { RuntimePredictor } from "./runtime";
import { canonicalJSON, loadModel, ModelLoadError, modelToJSON, parseModel, saveModel, trainingDataSha256, type ModelMeta } from "./serialize";
import { sha256 } from "../util/hash";
import { TailRiskClassifier } from "./tail";
import { stepData } from "./testData";
import { featureMatrix, type FeatureSpec } from "./features";

const SPECS: FeatureSpec[] = [
  { name: "inputBytes", unit: "bytes", transform: "log1p" },
  { name: "gcPct", unit: "%", transform: "identity" },
  { name: "dupFraction", unit: "1", transform: "identity" },
];

function data(seed: number) {
  const { X, y } = stepData(600, 3, seed);
  const records = X.map((r) => ({ inputBytes: Math.expm1((r[0] as number) * 20), gcPct: r[1] as number, dupFraction: r[2] as number }));
  return { records, X: featureMatrix(records, SPECS), y: y.map((v) => v + 3) };
}

function meta(X: Float64Array[], y: Float64Array, seed: number): ModelMeta {
  return { features: SPECS, target: { name: "wallS", unit: "s", transform: "log" }, trainingDataSha256: trainingDataSha256(X, y), seed, cvMetrics: { r2Log: 0.9 }, description: "test model" };
}

const makeBundle = (seed: number) =>
  new RuntimePredictor({
    interval: new SplitConformal({ base: new GradientBoostedTrees({ nEstimators: 30, seed }), alpha: 0.1, seed }),
    tail: new TailRiskClassifier({ k: 1.5, sizeFeature: 0, classifier: new GradientBoostedTrees({ loss: "logistic", nEstimators: 20, seed }), seed }),
  });

test("round trip gives identical predictions, for every model type", () => {
  const { X, y } = data(1);
  for (const m of [makeBundle(3), new LinearRidge({}), new LinearOLS({}), new LogLinearSize({ sizeFeature: 0, method: "theil-sen" }), new GradientBoostedTrees({ mode: "rf", nEstimators: 5, seed: 1 }), new MlRandomForest({ nEstimators: 3, seed: 1 })]) {
    m.fit(X, y);
    const loaded = parseModel(modelToJSON(m, meta(X, y, 3)));
    assert.equal(loaded.model.constructor, m.constructor);
    assert.deepEqual(loaded.model.predict(X), m.predict(X));
  }
  const b = makeBundle(3).fit(X, y);
  const l = parseModel(modelToJSON(b, meta(X, y, 3))).model as RuntimePredictor;
  assert.deepEqual(l.predictDetailed(X), b.predictDetailed(X));
});

test("same data + seed → byte-identical JSON; a different seed differs", () => {
  const { X, y } = data(2);
  const a = modelToJSON(makeBundle(7).fit(X, y), meta(X, y, 7));
  const b = modelToJSON(makeBundle(7).fit(X, y), meta(X, y, 7));
  const c = modelToJSON(makeBundle(8).fit(X, y), meta(X, y, 8));
  assert.equal(a, b);
  assert.notEqual(a, c);
  const f = JSON.parse(a);
  for (const k of ["schemaVersion", "gwtimeVersion", "modelType", "params", "features", "target", "trainingDataSha256", "cvMetrics", "seed", "state", "bodySha256"]) assert.ok(k in f, k);
  assert.match(f.trainingDataSha256, /^[0-9a-f]{64}$/);
});

test("loader refuses unknown schema version, checksum mismatch, missing features, unknown type", () => {
  const { X, y, records } = data(4);
  const text = modelToJSON(new GradientBoostedTrees({ nEstimators: 5 }).fit(X, y), meta(X, y, 0));
  const f = JSON.parse(text);
  assert.throws(() => parseModel(JSON.stringify({ ...f, schemaVersion: 99 })), (e: Error) => e instanceof ModelLoadError && /unknown schemaVersion 99/.test(e.message));
  const tampered = JSON.parse(text);
  tampered.state.value[0] += 1;
  assert.throws(() => parseModel(JSON.stringify(tampered)), (e: Error) => e instanceof ModelLoadError && /checksum mismatch/.test(e.message));
  const partial = records.map(({ gcPct, inputBytes }) => ({ gcPct, inputBytes }));
  assert.throws(() => parseModel(text, { expectFeatures: partial }), (e: Error) => e instanceof ModelLoadError && /lacks feature\(s\).*dupFraction/.test(e.message));
  assert.throws(() => parseModel(text, { expectFeatures: ["gcPct"] }), /inputBytes, dupFraction/);
  assert.ok(parseModel(text, { expectFeatures: records }).model);
  assert.throws(() => parseModel("{nope"), /not valid JSON/);
  // a valid checksum over a body naming an unknown type is still refused (no code runs from files)
  const { bodySha256: _b, ...rest } = f;
  void _b;
  const evil = modelToJSON(new GradientBoostedTrees({ nEstimators: 2 }).fit(X, y), meta(X, y, 0)).replace('"GradientBoostedTrees"', '"Function"');
  assert.throws(() => parseModel(evil), ModelLoadError);
  assert.ok(rest);
});

test("saveModel/loadModel files, model card, predictRuntime and the CLI", async () => {
  const { X, y, records } = data(5);
  const dir = mkdtempSync(join(tmpdir(), "gwt-models-"));
  const path = join(dir, "m.json");
  const b = makeBundle(1).fit(X, y);
  saveModel(path, b, meta(X, y, 1));
  const loaded = loadModel(path, { expectFeatures: records });
  const card = modelCard(loaded.file);
  assert.match(card, /# Model card: RuntimePredictor/);
  assert.match(card, /\| inputBytes \| - \| bytes \| log1p \|/);
  assert.match(card, new RegExp(loaded.file.trainingDataSha256));
  const preds = predictRuntime(loaded, records.slice(0, 3), ["a", "b", "c"]);
  assert.equal(preds.length, 3);
  for (const p of preds) {
    assert.ok((p.lower as number) <= (p.predicted as number) && (p.predicted as number) <= (p.upper as number));
    assert.ok((p.tailProbability as number) >= 0 && (p.tailProbability as number) <= 1);
    assert.equal(p.coverage, 0.9);
  }
  assert.ok(Math.abs((preds[0]?.predicted as number) - Math.exp(b.predict(X.slice(0, 1))[0] as number)) < 1e-9);
  // CLI: CSV in, JSON out
  const csv = join(dir, "f.csv");
  writeFileSync(csv, ["sample,inputBytes,gcPct,dupFraction", ...records.slice(0, 3).map((r, i) => `S${i},${r.inputBytes},${r.gcPct},${r.dupFraction}`)].join("\n") + "\n");
  const out: string[] = [];
  const orig = process.stdout.write.bind(process.stdout);
  (process.stdout as { write: unknown }).write = (s: string) => (out.push(s), true);
  try {
    assert.equal(await main(["predict", "--model", path, "--features", csv, "--json"]), 0);
    assert.equal(await main(["predict", "--model", path, "--features", csv]), 0);
  } finally {
    (process.stdout as { write: unknown }).write = orig;
  }
  const json = JSON.parse(out[0] as string);
  assert.deepEqual(json.map((r: { sample: string }) => r.sample), ["S0", "S1", "S2"]);
  assert.ok(Math.abs(json[0].predicted - (preds[0]?.predicted as number)) < 1e-6 * (preds[0]?.predicted as number));
  assert.match(out[1] as string, /^sample\tstep\ttier\tpredicted_s\tlower_s\(90%\)/);
  // missing column → exit 1 with a clear message
  writeFileSync(csv, "sample,gcPct\nS0,40\n");
  const err: string[] = [];
  const origE = process.stderr.write.bind(process.stderr);
  (process.stderr as { write: unknown }).write = (s: string) => (err.push(s), true);
  try {
    assert.equal(await main(["predict", "--model", path, "--features", csv]), 1);
  } finally {
    (process.stderr as { write: unknown }).write = origE;
  }
  assert.match(err.join(""), /lacks feature\(s\).*inputBytes, dupFraction/);
  assert.ok(readFileSync(path, "utf8").endsWith("\n"));
});

test("model files written before registryName load with it absent and predict the same; new files carry it", () => {
  // A real shipped file, re-serialized as the earlier writer did (no registryName, checksum recomputed).
  const path = "artifacts/models/harness-bwa_mem-fastqc.json";
  const text = readFileSync(path, "utf8");
  const now = parseModel(text, { source: path });
  assert.ok(now.file.features.every((f) => typeof f.registryName === "string"), "shipped files record each feature's registry name");
  assert.equal(now.file.features[0]?.registryName, "reads");
  assert.equal(now.file.features[0]?.name, "fastqc.total_sequences", "name stays the source column");
  assert.equal(now.file.target.name, "cpuS");
  const raw = JSON.parse(text) as Record<string, unknown> & { features: Array<Record<string, unknown>> };
  delete raw.bodySha256;
  for (const f of raw.features) delete f.registryName;
  const oldText = canonicalJSON({ ...raw, bodySha256: sha256(canonicalJSON(raw)) }) + "\n";
  const old = parseModel(oldText, { source: "old.json" });
  assert.ok(old.file.features.every((f) => f.registryName === undefined), "default for an old file: no registry name (documented on FeatureSpec)");
  const env = now.file.envelope as { features: Record<string, { min: number; max: number }> };
  const rec = Object.fromEntries(now.file.features.map((f) => [f.name, ((env.features[f.name]?.min ?? 0) + (env.features[f.name]?.max ?? 0)) / 2]));
  assert.deepEqual(predictRuntime(old, [rec], ["s"]), predictRuntime(now, [rec], ["s"]));
  assert.match(modelCard(old.file), /\| fastqc\.total_sequences \| - \| reads per mate \| log1p \|/);
  assert.match(modelCard(now.file), /\| fastqc\.total_sequences \| reads \| reads per mate \| log1p \|/);
  // a registryName that is not a string is refused
  const badRaw = JSON.parse(text) as Record<string, unknown> & { features: Array<Record<string, unknown>> };
  delete badRaw.bodySha256;
  (badRaw.features[0] as Record<string, unknown>).registryName = 3;
  assert.throws(() => parseModel(canonicalJSON({ ...badRaw, bodySha256: sha256(canonicalJSON(badRaw)) }), { source: "bad.json" }), /bad\.json: features must be a list/);
});

test("a model's target transform is what prediction undoes (identity target: no exp)", () => {
  const { records, X, y } = data(5);
  const m = new LinearRidge({ alpha: 1 }).fit(X, y);
  const meta = (transform: "log" | "identity"): ModelMeta => ({ features: SPECS, target: { name: "wallS", unit: "s", transform }, trainingDataSha256: trainingDataSha256(X, y), seed: 1 });
  const raw = m.predict(featureMatrix(records.slice(0, 3), SPECS));
  const asLog = predictRuntime(parseModel(modelToJSON(m, meta("log"))), records.slice(0, 3), ["a", "b", "c"]);
  const asId = predictRuntime(parseModel(modelToJSON(m, meta("identity"))), records.slice(0, 3), ["a", "b", "c"]);
  raw.forEach((v, i) => {
    assert.equal(asId[i]?.predicted, v);
    assert.equal(asLog[i]?.predicted, Math.exp(v));
  });
});
