import assert from "node:assert/strict";
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { FEATURES } from "../features/registry";
import { HARNESS_STEPS } from "../features/steps";
import { harnessDir, loadHarness, type HarnessDataset } from "./harness";

const dir = harnessDir();
const have = existsSync(join(dir, "trace.tsv"));

/** A committed harness dataset loads cleanly: one run per folder, no reader issue, every step, the reads-stage features, the designed read count. */
function assertLoadsCleanly(datasetDir: string): HarnessDataset {
  const h = loadHarness(datasetDir);
  const folders = readdirSync(join(datasetDir, "runs")).filter((f) => existsSync(join(datasetDir, "runs", f, "run.json")));
  assert.equal(h.runs.length, folders.length, "every run folder becomes one run");
  assert.deepEqual(h.issues, [], "no reader or parser issue on our own data");
  for (const r of h.runs) {
    for (const s of HARNESS_STEPS) assert.ok(r.steps.has(s), `${r.runId} has step ${s}`);
    // Reads-stage features exist for every run (FastQC + fastp outputs are always there).
    for (const f of FEATURES.filter((x) => x.stage !== "alignment")) assert.ok(f.column in r.metrics, `${r.runId} has ${f.column}`);
    assert.equal(r.metrics["fastqc.total_sequences"], Number(r.design["n_pairs"]), `${r.runId}: FastQC read count equals the designed pairs`);
  }
  return h;
}

test("the committed harness dataset loads through the trace reader and the QC parsers", { skip: have ? false : "no data/harness/trace.tsv" }, () => {
  assertLoadsCleanly(dir);
});

const scaleDir = harnessDir("harness-scale");
const haveScale = existsSync(join(scaleDir, "trace.tsv"));

test("the committed scale ladder loads through the same readers: one run per folder, no issue, every design row done", { skip: haveScale ? false : "no data/harness-scale/trace.tsv" }, () => {
  const h = assertLoadsCleanly(scaleDir);
  const designRows = readFileSync(join(scaleDir, "design.tsv"), "utf8").trim().split("\n").slice(1).map((l) => l.split("\t")[0]).sort();
  assert.deepEqual(h.runs.map((r) => r.runId).sort(), designRows, "every design row has its run");
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

/**
 * A frozen one-run harness (run r0001 of the committed data: its design row, its trace rows, its QC
 * folder) copied to a temporary folder, so the loader's behaviour is tested on fixed real files
 * whatever the growing dataset holds.
 */
function oneRunHarness(manifest: string | undefined): string {
  const tmp = mkdtempSync(join(tmpdir(), "gwt-harness-"));
  const keep = (file: string): string => {
    const lines = readFileSync(join(dir, file), "utf8").split("\n");
    return [lines[0], ...lines.slice(1).filter((l) => /\br0001\b/.test(l))].join("\n") + "\n";
  };
  writeFileSync(join(tmp, "design.tsv"), keep("design.tsv"));
  writeFileSync(join(tmp, "trace.tsv"), keep("trace.tsv"));
  mkdirSync(join(tmp, "runs", "r0001"), { recursive: true });
  copyFileSync(join(dir, "runs", "r0001", "run.json"), join(tmp, "runs", "r0001", "run.json"));
  cpSync(join(dir, "runs", "r0001", "qc"), join(tmp, "runs", "r0001", "qc"), { recursive: true });
  if (manifest !== undefined) writeFileSync(join(tmp, "manifest.json"), manifest);
  return tmp;
}

const haveR0001 = existsSync(join(dir, "runs", "r0001", "qc"));

test("loadHarness lists every file it read (design, trace, manifest, each QC file) for provenance", { skip: haveR0001 ? false : "no data/harness/runs/r0001" }, () => {
  const tmp = oneRunHarness(JSON.stringify({ runs: [{ run_id: "r0001", input: { r1: { sha256: "aa" }, r2: { sha256: "bb" } } }] }));
  try {
    const h = loadHarness(tmp);
    assert.equal(h.runs.length, 1);
    assert.deepEqual(h.issues, []);
    const qcFiles = readdirSync(join(tmp, "runs", "r0001", "qc")).map((f) => join(tmp, "runs", "r0001", "qc", f)).sort();
    assert.deepEqual(h.files.slice(0, 3), [join(tmp, "design.tsv"), join(tmp, "trace.tsv"), join(tmp, "manifest.json")]);
    assert.deepEqual([...h.files.slice(3)].sort(), qcFiles, "every QC file of the run folder parsed and listed");
    assert.deepEqual([...h.inputChecksums], [["r0001", "aa:bb"]]);
    assert.equal(h.runs[0]?.metrics["fastqc.total_sequences"], 200000);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test("a broken manifest is an issue naming the file, not a lost dataset; no manifest is no checksums", { skip: haveR0001 ? false : "no data/harness/runs/r0001" }, () => {
  const broken = oneRunHarness("{ not json");
  const none = oneRunHarness(undefined);
  try {
    const h = loadHarness(broken);
    assert.equal(h.runs.length, 1);
    assert.equal(h.issues.length, 1);
    assert.match(h.issues[0]?.message ?? "", /manifest\.json: cannot read the harness manifest/);
    assert.ok(!h.files.some((f) => f.endsWith("manifest.json")));
    const n = loadHarness(none);
    assert.equal(n.inputChecksums.size, 0);
    assert.deepEqual(n.issues, []);
  } finally {
    rmSync(broken, { recursive: true, force: true });
    rmSync(none, { recursive: true, force: true });
  }
});
