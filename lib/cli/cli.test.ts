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

test("traces reads a real Nextflow trace into the common schema", { skip: mirror ? false : "no dataset mirror" }, () => {
  const out = join(mkdtempSync(join(tmpdir(), "gwt-cli-")), "runs.csv");
  const r = run("traces", join(mirror as string, "sizey", "data", "trace_chipseq.csv"), "--out", out);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(readFileSync(out, "utf8").trim().split("\n").length, 2938 + 1);
});

test("predict without a model is a usage error", () => {
  const r = run("predict", "--qc", ".");
  assert.equal(r.status, 1);
  assert.match(r.stderr, /--model is required/);
});
