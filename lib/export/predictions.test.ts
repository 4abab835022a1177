import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { projectRoot } from "../data/paths";
import { commentText, groovyString, yamlString } from "./escape";
import { buildExport, parseModelSpec, stepOfModelFile } from "./predictions";
import { binFor, checkQuantile, normalQuantile, parseBins, parseDurationS, quantileLimit } from "./quantile";
import { harnessBatch, shippedModel } from "./testSupport";

const batch = harnessBatch();
const noData = !batch && "harness runs missing";

test("normalQuantile matches known values; quantileLimit at 1 - alpha/2 is the interval's upper end, other quantiles scale on the log scale", () => {
  assert.ok(Math.abs(normalQuantile(0.95) - 1.6448536269514722) < 1e-8);
  assert.ok(Math.abs(normalQuantile(0.5)) < 1e-12);
  assert.ok(Math.abs(normalQuantile(0.001) + 3.090232306167813) < 1e-7);
  const p = { predicted: 20, upper: 40, coverage: 0.9 };
  assert.equal(quantileLimit(p, 0.95, "log"), 40);
  assert.ok(Math.abs(quantileLimit(p, 0.5, "log") - 20) < 1e-9);
  // 0.99: half-width x z(.99)/z(.95) = ln 2 x 1.4143 on the log scale
  assert.ok(Math.abs(quantileLimit(p, 0.99, "log") - 20 * Math.exp(Math.log(2) * (2.3263478740408408 / 1.6448536269514722))) < 1e-6);
  assert.ok(Math.abs(quantileLimit(p, 0.99, "identity") - (20 + 20 * (2.3263478740408408 / 1.6448536269514722))) < 1e-6);
});

test("bad options are clear errors: quantile outside (0, 1), unreadable bins and durations", () => {
  for (const q of [0, 1, -0.1, 1.5, Number.NaN]) assert.throws(() => checkQuantile(q), /quantile must be a number in \(0, 1\)/);
  assert.throws(() => parseBins("normal"), /not name=duration/);
  assert.throws(() => parseBins("a=4h,a=5h"), /unique/);
  assert.throws(() => parseBins("a b=4h"), /may only hold/);
  assert.throws(() => parseDurationS("4 hours"), /cannot read duration/);
  assert.deepEqual(parseBins("week=168h,normal=4h,long=1d").map((b) => [b.name, b.limitS]), [["normal", 14400], ["long", 86400], ["week", 604800]]);
  const bins = parseBins("normal=4h,long=24h");
  assert.equal(binFor(14400, bins)?.name, "normal");
  assert.equal(binFor(14401, bins)?.name, "long");
  assert.equal(binFor(86401, bins), null);
});

test("escaping: Groovy single-quoted, YAML double-quoted and comment text never leave their literal", () => {
  assert.equal(groovyString("a'b${x}\\c\nd"), "'a\\'b${x}\\\\c\\nd'");
  assert.equal(yamlString('a"b\nc\u2028'), '"a\\"b\\nc\\u2028"');
  assert.ok(!/[\n\r\u2028]/.test(commentText("x\ny\rz\u2028")));
  assert.equal(commentText("\\u000a"), "\\\\u000a");
});

test("model spec and step names: harness-<step>.json -> step; =PROCESS renames", () => {
  assert.equal(stepOfModelFile("artifacts/models/harness-bcftools_call.json"), "bcftools_call");
  assert.equal(stepOfModelFile("artifacts/models/harness-bcftools_call-in-flight.json"), "bcftools_call");
  assert.equal(stepOfModelFile("artifacts/models/harness-bwa_mem-fastp.json"), "bwa_mem");
  assert.deepEqual(parseModelSpec("m/harness-bwa_mem.json=NFCORE:.*:BWAMEM1_MEM"), { path: "m/harness-bwa_mem.json", process: "NFCORE:.*:BWAMEM1_MEM" });
  assert.throws(() => parseModelSpec("m.json="), /empty process name/);
});

test("buildExport on two harness runs: limits = upper quantile of each model's interval, fallback = largest limit, same input -> same output", { skip: noData }, () => {
  const b = batch as NonNullable<typeof batch>;
  const opts = { quantile: 0.95, bins: parseBins("normal=4h,long=24h") };
  const exp = buildExport([parseModelSpec(shippedModel("bwa_mem")), parseModelSpec(shippedModel("bcftools_call"))], b, opts);
  assert.equal(exp.steps.length, 2);
  assert.deepEqual(exp.leftOut, []);
  for (const s of exp.steps) {
    assert.equal(s.coverage, 0.9);
    assert.match(s.modelSha256, /^[0-9a-f]{64}$/);
    assert.equal(s.samples.length, 2);
    for (const x of s.samples) {
      assert.ok(x.lowerS < x.predictedS && x.predictedS < x.upperS);
      assert.equal(x.limitS, x.upperS, "q0.95 of a 90% two-sided interval is its upper end");
      assert.equal(x.tier, "complete");
    }
    assert.equal(s.fallbackS, Math.max(...s.samples.map((x) => x.limitS)));
  }
  assert.deepEqual(buildExport([parseModelSpec(shippedModel("bwa_mem")), parseModelSpec(shippedModel("bcftools_call"))], b, opts), exp);
  const q99 = buildExport([parseModelSpec(shippedModel("bwa_mem"))], b, { ...opts, quantile: 0.99 });
  assert.ok((q99.steps[0]?.samples[0]?.limitS as number) > (exp.steps[0]?.samples[0]?.limitS as number));
});

test("buildExport leaves out, with a reason, models for processes not in the workflow, unreadable models and samples without features", { skip: noData }, () => {
  const b = batch as NonNullable<typeof batch>;
  const exp = buildExport(
    [parseModelSpec(shippedModel("bwa_mem")), parseModelSpec(shippedModel("freebayes")), parseModelSpec(join(projectRoot(), "artifacts", "models", "harness-nosuch.json"))],
    { ids: [...b.ids, "empty_sample"], records: [...b.records, { "unrelated.metric": 3 }] },
    { quantile: 0.95, bins: parseBins("normal=4h"), processes: ["bwa_mem", "nosuch"] },
  );
  assert.deepEqual(exp.steps.map((s) => s.step), ["bwa_mem"]);
  assert.deepEqual(exp.steps[0]?.samples.map((s) => s.sample), b.ids);
  const reasons = exp.leftOut.map((l) => `${l.step}|${l.sample ?? ""}|${l.reason}`);
  assert.ok(reasons.some((r) => r.startsWith("freebayes||process 'freebayes'") && r.includes("not in the target workflow")), reasons.join("\n"));
  assert.ok(reasons.some((r) => r.startsWith("nosuch||model ") && r.includes("not loaded")), reasons.join("\n"));
  assert.ok(reasons.some((r) => r.startsWith("bwa_mem|empty_sample|QC holds none")), reasons.join("\n"));
});

test("`gwtime export` CLI: writes the target's files, lists what it left out on stderr, refuses a bad quantile", { skip: noData }, () => {
  const main = join(projectRoot(), "dist", "cli", "main.js");
  const dir = mkdtempSync(join(tmpdir(), "gwt-exp-"));
  const qc = ["r0001", "r0002"].map((r) => join(projectRoot(), "data", "harness", "runs", r, "qc"));
  const ok = spawnSync(process.execPath, [main, "export", "--model", shippedModel("bwa_mem"), shippedModel("sortsam"), "--qc", ...qc, "--group-by-dir", "--to", "nextflow", "--out", dir, "--processes", "bwa_mem"], { encoding: "utf8" });
  assert.equal(ok.status, 0, ok.stderr);
  assert.deepEqual(readdirSync(dir), ["gwtime.config"]);
  assert.match(ok.stderr, /left out sortsam: process 'sortsam'/);
  assert.match(ok.stderr, /1 step\(s\), 2 sample limit\(s\) at quantile 0.95; 1 item\(s\) left out/);
  const bad = spawnSync(process.execPath, [main, "export", "--model", shippedModel("bwa_mem"), "--qc", ...qc, "--group-by-dir", "--to", "nextflow", "--out", dir, "--quantile", "1.2"], { encoding: "utf8" });
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /--quantile.*quantile must be a number in \(0, 1\), got 1.2/);
  const badTo = spawnSync(process.execPath, [main, "export", "--model", shippedModel("bwa_mem"), "--qc", ...qc, "--to", "cromwell", "--out", dir], { encoding: "utf8" });
  assert.match(badTo.stderr, /--to must be one of nextflow, snakemake, tpv, multiqc/);
});
