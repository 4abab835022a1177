import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { mirrorRoot } from "../data/paths";

// The built binary, as a user runs it (vega-lite style: CLI tests run the real entry point).
const BIN = join(__dirname, "main.js");
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });
const mirror = mirrorRoot();

test("help, version, unknown command", () => {
  assert.equal(run("--version").status, 0);
  const u = run("frobnicate");
  assert.equal(u.status, 1);
  assert.match(u.stderr, /unknown command 'frobnicate'/);
  assert.equal(run("toString").status, 1, "object keys are not commands");
  assert.match(run("help").stdout, /gwtime qc/);
});

test("datasets list shows the pinned datasets", () => {
  const r = run("datasets", "list");
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^galaxy-main\t126 files/m);
});

test("qc writes one row per sample from real FastQC outputs; a missing path is an error naming it", { skip: mirror ? false : "no dataset mirror" }, () => {
  const out = join(mkdtempSync(join(tmpdir(), "gwt-cli-")), "m.csv");
  const r = run("qc", join(mirror as string, "multiqc-test-data", "data", "modules", "fastqc", "v0.11.2"), "--out", out);
  assert.equal(r.status, 0, r.stderr);
  const lines = readFileSync(out, "utf8").trim().split("\n");
  assert.match(lines[0] ?? "", /fastqc\.total_sequences/);
  assert.ok(lines.length >= 2);
  const bad = run("qc", "/no/such/dir", "--out", out);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /\/no\/such\/dir/);
});

test("qc on harness runs: repeated file names merge across folders (with a note) unless --sample-from-dir; .xlsx out", () => {
  const runs = join(__dirname, "..", "..", "data", "harness", "runs");
  const dir = mkdtempSync(join(tmpdir(), "gwt-cli-"));
  const ids = ["r0001", "r0002", "r0003"];
  const merged = run("qc", ...ids.map((id) => join(runs, id, "qc")), "--out", join(dir, "a.csv"));
  assert.equal(merged.status, 0, merged.stderr);
  assert.match(merged.stderr, /combine files from several folders .*--sample-from-dir/);
  const perDir = run("qc", ...ids.map((id) => join(runs, id, "qc")), "--out", join(dir, "b.csv"), "--sample-from-dir");
  assert.equal(perDir.status, 0, perDir.stderr);
  assert.doesNotMatch(perDir.stderr, /several folders/);
  const rows = readFileSync(join(dir, "b.csv"), "utf8").trim().split("\n").slice(1).map((l) => l.split(",")[0]);
  assert.deepEqual(rows, ids);
  const x = run("qc", join(runs, "r0001", "qc"), "--out", join(dir, "c.xlsx"), "--sample-from-dir");
  assert.equal(x.status, 0, x.stderr);
  assert.match(x.stderr, /1 samples -> .*c\.xlsx/);
  assert.equal(readFileSync(join(dir, "c.xlsx")).subarray(0, 2).toString(), "PK", "an xlsx (zip) file");
});

test("traces reads a real Nextflow trace into the common schema", { skip: mirror ? false : "no dataset mirror" }, () => {
  const out = join(mkdtempSync(join(tmpdir(), "gwt-cli-")), "runs.csv");
  const r = run("traces", join(mirror as string, "sizey", "data", "trace_chipseq.csv"), "--out", out);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(readFileSync(out, "utf8").trim().split("\n").length, 2938 + 1);
});

test("traces --threads N: the Parquet fast path with a forced thread count; a bad count is a usage error", { skip: mirror ? false : "no dataset mirror" }, () => {
  const out = join(mkdtempSync(join(tmpdir(), "gwt-cli-")), "runs.parquet");
  const trace = join(mirror as string, "sizey", "data", "trace_chipseq.csv");
  const r = run("traces", trace, "--out", out, "--threads", "2");
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /wrote .*runs\.parquet: 2938 rows/);
  const bad = run("traces", trace, "--out", out, "--threads", "0");
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /--threads: expected a whole number >= 1, got '0'/);
});

test("predict without a model is a usage error", () => {
  const r = run("predict", "--qc", ".");
  assert.equal(r.status, 1);
  assert.match(r.stderr, /--model is required/);
});

test("predict on a folder holding only FastQC zips predicts every shipped step at the fastqc tier", () => {
  const dir = mkdtempSync(join(tmpdir(), "gwt-fq-"));
  const qc = join(__dirname, "..", "..", "data", "harness", "runs", "r0001", "qc");
  for (const f of ["reads_R1_fastqc.zip", "reads_R2_fastqc.zip"]) copyFileSync(join(qc, f), join(dir, f));
  const models = join(__dirname, "..", "..", "artifacts", "models");
  const r = run("predict", "--model", models, "--qc", dir, "--sample-from-dir");
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split("\n");
  assert.match(lines[0] ?? "", /^sample\tstep\ttier\tpredicted_s/);
  const steps = new Set(readdirSync(models).filter((f) => f.endsWith(".json")).map((f) => f.replace(/^harness-(.*)-(fastqc-basic|fastqc|fastp|in-flight)\.json$/, "$1")));
  const got = lines.slice(1).map((l) => l.split("\t"));
  assert.deepEqual(new Set(got.map((c) => c[1])), steps);
  for (const c of got) {
    assert.equal(c[2], "fastqc", c.join(" "));
    assert.ok(Number(c[3]) > 0, c.join(" "));
  }
});

const MODELS = join(__dirname, "..", "..", "artifacts", "models");
const shippedSteps = (): Set<string> => new Set(readdirSync(MODELS).filter((f) => f.endsWith(".json")).map((f) => f.replace(/^harness-(.*)-(fastqc-basic|fastqc|fastp|in-flight)\.json$/, "$1")));
const table = (stdout: string): string[][] => stdout.trim().split("\n").slice(1).map((l) => l.split("\t"));

test("predict on MultiQC-only folders (real MultiQC 1.35 on 4 harness runs) predicts every step at the fastqc-basic tier, the same numbers as from the runs' FastQC zips", () => {
  const fixtures = join(__dirname, "..", "..", "lib", "qc", "fixtures", "multiqc-harness");
  const runs = readdirSync(fixtures).filter((r) => /^r\d+$/.test(r)).sort();
  assert.equal(runs.length, 4);
  const viaMqc = run("predict", "--model", MODELS, "--qc", ...runs.map((r) => join(fixtures, r)), "--sample-from-dir", "--json");
  assert.equal(viaMqc.status, 0, viaMqc.stderr);
  const got = JSON.parse(viaMqc.stdout) as Array<{ sample: string; step: string; tier: string; predicted: number; error: string | null; skippedTiers: string[] }>;
  assert.equal(got.length, runs.length * shippedSteps().size);
  for (const p of got) assert.ok(p.tier === "fastqc-basic" && p.error === null && p.predicted > 0, JSON.stringify(p));
  assert.deepEqual(new Set(got.map((p) => p.step)), shippedSteps());
  // the same runs' FastQC zips, predicted by the fastqc-basic models only: identical predictions
  const zipDir = mkdtempSync(join(tmpdir(), "gwt-mqc-zips-"));
  for (const r of runs) {
    const d = join(zipDir, r);
    mkdirSync(d, { recursive: true });
    for (const f of ["reads_R1_fastqc.zip", "reads_R2_fastqc.zip"]) copyFileSync(join(__dirname, "..", "..", "data", "harness", "runs", r, "qc", f), join(d, f));
  }
  const basic = readdirSync(MODELS).filter((f) => f.endsWith("-fastqc-basic.json")).map((f) => join(MODELS, f)).join(",");
  const viaZips = run("predict", "--model", basic, "--qc", ...runs.map((r) => join(zipDir, r)), "--sample-from-dir", "--json");
  assert.equal(viaZips.status, 0, viaZips.stderr);
  // (skippedTiers differ: the zips were predicted by the fastqc-basic models alone)
  const core = (ps: Array<Record<string, unknown>>) => ps.map(({ skippedTiers: _, ...p }) => p);
  assert.deepEqual(core(got), core(JSON.parse(viaZips.stdout)));
  // the MultiQC runs name what richer tiers lack: FastQC's distributions, which MultiQC's tables do not carry
  for (const p of got) assert.match(p.skippedTiers.at(-1) ?? "", /^tier fastqc lacks feature\(s\) fastqc\.mean_quality, derived\.lowq_base_quality/);
});

for (const [run_, n] of [["sarek-fuzzylife", 6], ["crispriscreen-cbbmlargelibrary", 96]] as const) {
  test(`predict on a real nf-core MultiQC folder (${run_}) predicts every read sample at the fastqc-basic tier`, { skip: mirror ? false : "no dataset mirror (nfcore-runs)" }, () => {
    const dir = join(mirror as string, "nfcore-runs", run_, "results", "multiqc", "multiqc_data");
    const r = run("predict", "--model", MODELS, "--qc", dir);
    assert.equal(r.status, 0, r.stderr);
    const rows = table(r.stdout);
    const predicted = rows.filter((c) => c[2] === "fastqc-basic");
    assert.equal(new Set(predicted.map((c) => c[0])).size, n, "every sample MultiQC's FastQC table names");
    assert.equal(predicted.length, n * shippedSteps().size);
    for (const c of predicted) assert.ok(Number(c[3]) > 0, c.join(" "));
    // what is left unpredicted: QC rows of BAMs/VCFs (`X.md`, `X.haplotypecaller.filtered`), never a read sample
    for (const c of rows.filter((x) => x[2] !== "fastqc-basic")) assert.match(c[0] ?? "", /\.(md|haplotypecaller\.filtered)$/, c.join(" "));
  });
}

test("predict: a row with impossible values is refused by name, the others predicted (exit 0); no predictable sample: exit 1", () => {
  const dir = mkdtempSync(join(tmpdir(), "gwt-hostile-"));
  const models = join(__dirname, "..", "..", "artifacts", "models", "harness-bwa_mem-fastqc.json");
  const cols = "fastqc.total_sequences,derived.total_bases,fastqc.avg_sequence_length,fastqc.mean_quality,derived.lowq_base_quality,fastqc.n_content_max_pct,fastqc.percent_gc,derived.gc_deviation_pct,derived.fastqc_dup_pct,fastqc.adapter_max_pct,fastqc.overrepresented_pct";
  const good = "400000,40000000,100,35,33,0.1,50.8,1.5,5,0.5,0.1";
  writeFileSync(join(dir, "f.csv"), `sample,${cols}\nok,${good}\nbad,${good.replace(/^400000/, "-1")}\nempty,,,,,,,,,,,\n`);
  const r = run("predict", "--model", models, "--features", join(dir, "f.csv"));
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /bad \(bwa_mem\): impossible value\(s\): fastqc\.total_sequences = -1 is negative/);
  assert.match(r.stderr, /empty \(bwa_mem\): no tier has all its features/);
  const ok = r.stdout.split("\n").find((l) => l.startsWith("ok\t"))?.split("\t");
  assert.ok(ok && ok[2] === "fastqc" && Number(ok[3]) > 0);
  writeFileSync(join(dir, "g.csv"), `sample,${cols}\nbad,${good.replace(/^400000/, "NaN")}\n`);
  const none = run("predict", "--model", models, "--features", join(dir, "g.csv"));
  assert.equal(none.status, 1);
});

test("calibrate on the second host: 10 runs set the scale (with CI) in the file and card; the calibrated bwa_mem model beats the shipped one on 20 other second-host runs", () => {
  const root = join(__dirname, "..", "..");
  const B = join(root, "data", "harness-second-host");
  const dir = mkdtempSync(join(tmpdir(), "gwt-cal-"));
  const model = join(root, "artifacts", "models", "harness-bwa_mem-fastqc.json");
  const ids = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => `r${String(a + i).padStart(4, "0")}`);
  const calRuns = ids(254, 264); // inputs machine A never ran
  const testRuns = ids(264, 284);
  const out = join(dir, "bwa.calibrated.json");
  const r = run("calibrate", "--model", model, "--trace", join(B, "trace.tsv"), "--qc", ...calRuns.map((id) => join(B, "runs", id, "qc")), "--sample-from-dir", "--out", out);
  assert.equal(r.status, 0, r.stderr);
  const file = JSON.parse(readFileSync(out, "utf8"));
  assert.equal(file.calibration.runs, 10);
  assert.ok(file.calibration.scaleLo <= file.calibration.scale && file.calibration.scale <= file.calibration.scaleHi);
  assert.ok(file.calibration.conformalHalfWidthLog > 0);
  assert.match(readFileSync(out.replace(/\.json$/, ".md"), "utf8"), /calibration runs: 10 .*\n- CPU: .*Xeon.*\n- scale \(x prediction\): [0-9.]+ \(90% bootstrap CI/);
  const trace = readFileSync(join(B, "trace.tsv"), "utf8").split("\n");
  const head = (trace[0] ?? "").split("\t");
  const cpu = new Map(trace.slice(1).map((l) => l.split("\t")).filter((c) => c[head.indexOf("process")] === "bwa_mem").map((c) => [c[head.indexOf("tag")], Number(c[head.indexOf("user_s")]) + Number(c[head.indexOf("sys_s")])]));
  const mdape = (m: string): number => {
    const p = run("predict", "--model", m, "--qc", ...testRuns.map((id) => join(B, "runs", id, "qc")), "--sample-from-dir", "--json");
    assert.equal(p.status, 0, p.stderr);
    const e = (JSON.parse(p.stdout) as Array<{ sample: string; predicted: number }>).map((x) => Math.abs(x.predicted - (cpu.get(x.sample) as number)) / (cpu.get(x.sample) as number)).sort((a, b) => a - b);
    assert.equal(e.length, 20);
    return ((e[9] as number) + (e[10] as number)) / 2;
  };
  const raw = mdape(model);
  const cal = mdape(out);
  assert.ok(cal < raw, `calibrated MdAPE ${cal} < shipped ${raw}`);
});

test("predict --trace: the completed steps' observed times enable the in-flight tier for the steps downstream", () => {
  const root = join(__dirname, "..", "..");
  const runDir = join(root, "data", "harness", "runs", "r0001");
  const r = run("predict", "--model", join(root, "artifacts", "models"), "--qc", join(runDir, "qc"), "--sample-from-dir", "--trace", join(runDir, "trace.tsv"), "--json");
  assert.equal(r.status, 0, r.stderr);
  const rows = JSON.parse(r.stdout) as Array<{ step: string; tier: string; predicted: number }>;
  const tier = new Map(rows.map((x) => [x.step, x.tier]));
  assert.equal(tier.get("freebayes"), "in-flight");
  assert.equal(tier.get("sortsam"), "in-flight");
  assert.equal(tier.get("bwa_mem"), "fastp", "no in-flight tier for BWA-MEM (its only ancestor is the input)");
  assert.ok(rows.every((x) => x.predicted > 0));
});

test("predict on harness runs r0001 and r0002 prints exactly what the shipped models printed before the model-file fields and tiers of #14/#15 (frozen output; regenerate only when the models are retrained on purpose)", () => {
  const qc = (r: string) => join(__dirname, "..", "..", "data", "harness", "runs", r, "qc");
  const r = run("predict", "--model", MODELS, "--qc", qc("r0001"), qc("r0002"), "--sample-from-dir");
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, readFileSync(join(__dirname, "..", "..", "lib", "cli", "fixtures", "predict-r0001-r0002.tsv"), "utf8"));
});

test("predict --trace --json on r0001/r0002 (in-flight tier) gives, to the last digit, what the shipped models gave before #14/#15's changes (frozen output)", () => {
  const qc = (r: string) => join(__dirname, "..", "..", "data", "harness", "runs", r, "qc");
  const trace = join(__dirname, "..", "..", "data", "harness", "trace.tsv");
  const r = run("predict", "--model", MODELS, "--qc", qc("r0001"), qc("r0002"), "--sample-from-dir", "--trace", trace, "--json");
  assert.equal(r.status, 0, r.stderr);
  const got = JSON.parse(r.stdout) as Array<{ tier: string }>;
  assert.deepEqual(got, JSON.parse(readFileSync(join(__dirname, "..", "..", "lib", "cli", "fixtures", "predict-r0001-r0002-trace.json"), "utf8")));
  assert.ok(got.some((p) => p.tier === "in-flight") && got.some((p) => p.tier === "fastp"));
});
