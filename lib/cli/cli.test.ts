import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
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
