import assert from "node:assert/strict";
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { projectRoot } from "../data/paths";
import { FEATURES } from "./registry";
import { qcFeatureRecords } from "./qcRecords";

// One committed harness run folder (a fixed set of real FastQC, fastp, Picard and samtools outputs).
const RUN = join(projectRoot(), "data", "harness", "runs", "r0001", "qc");
const have = existsSync(RUN);

test("one folder is one sample: every QC file of a run becomes one record with the registry's columns", { skip: have ? false : "no data/harness/runs/r0001" }, () => {
  const got = qcFeatureRecords(RUN, { sampleFromDir: true });
  assert.deepEqual(got.ids, ["r0001"]);
  assert.equal(got.records.length, 1);
  assert.deepEqual(got.failed, []);
  assert.deepEqual([...got.files].sort(), readdirSync(RUN).map((f) => join(RUN, f)).sort(), "every file parsed and listed");
  const rec = got.records[0] as Record<string, number>;
  for (const f of FEATURES.filter((x) => x.source !== "trace")) assert.ok(f.column in rec, `${f.name} (${f.column}) is in the record`);
  assert.equal(rec["fastqc.total_sequences"], 200000);
  assert.equal(rec["derived.total_bases"], 200000 * (rec["fastqc.avg_sequence_length"] as number));
  assert.deepEqual(qcFeatureRecords(RUN, { groupByDir: true }), got, "groupByDir is the old name of sampleFromDir");
});

test("without sampleFromDir samples are named from the files (MultiQC-style), so one run gives several", { skip: have ? false : "no data/harness/runs/r0001" }, () => {
  const got = qcFeatureRecords(RUN);
  assert.ok(got.ids.length > 1, `names from files: ${got.ids.join(", ")}`);
});

test("a file that fails to parse is reported by name and the rest still make the record", { skip: have ? false : "no data/harness/runs/r0001" }, () => {
  const tmp = mkdtempSync(join(tmpdir(), "gwt-qcrec-"));
  try {
    cpSync(RUN, join(tmp, "r0001", "qc"), { recursive: true });
    const bad = join(tmp, "r0001", "qc", "broken_fastp.json");
    writeFileSync(bad, '{ "summary": { "before_filtering": { "total_reads": ');
    const got = qcFeatureRecords(join(tmp, "r0001", "qc"), { sampleFromDir: true });
    assert.deepEqual(got.failed.map((f) => f.file), [bad]);
    assert.ok((got.failed[0]?.reason ?? "").length > 0);
    assert.deepEqual(got.ids, ["r0001"]);
    assert.equal(got.records[0]?.["fastqc.total_sequences"], 200000);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
