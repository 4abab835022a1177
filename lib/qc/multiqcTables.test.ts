import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { GwtInputError } from "../util/errors";
import { collectFile, collectQc, listFiles } from "./collect";
import { parse as parseFastp, wide as fastpWide } from "./fastp";
import { wide as fastqcWide } from "./fastqc/parse";
import { fastqcTableWide, MULTIQC_FASTQC_COLUMNS, parseFastpTable, parseFastqcTable } from "./multiqcTables";
import { parsePythonLiteral } from "./pythonLiteral";
import { mateStems } from "./sampleName";
import { NO_MIRROR, qcTestData } from "./testData";
import type { FastqcReport } from "./types";
import { isWideColumn } from "./vocabulary";
import { mirrorRoot } from "../data/paths";

const FIX = join(__dirname, "..", "..", "lib", "qc", "fixtures");
const HARNESS = join(__dirname, "..", "..", "data", "harness", "runs");
const RUNS = readdirSync(join(FIX, "multiqc-harness")).filter((r) => /^r\d+$/.test(r)).sort();

const zipWide = (file: string) => fastqcWide(collectFile(file).records[0] as FastqcReport);

test("MultiQC's FastQC table (real MultiQC 1.35 on 4 harness runs) maps to the values parsed from the same runs' FastQC zips", () => {
  assert.equal(RUNS.length, 4);
  for (const r of RUNS) {
    const f = join(FIX, "multiqc-harness", r, "multiqc_fastqc.txt");
    const rows = parseFastqcTable(readFileSync(f, "utf8"), f);
    assert.deepEqual(rows.map((x) => [x.sampleRaw, x.sample]), [["reads_R1", "reads"], ["reads_R2", "reads"]], "mates named after their stem");
    for (const row of rows) {
      const z = zipWide(join(HARNESS, r, "qc", `${row.sampleRaw}_fastqc.zip`));
      const m = fastqcTableWide(row);
      for (const c of MULTIQC_FASTQC_COLUMNS) assert.equal(m[c], z[c], `${r} ${row.sampleRaw} ${c}`);
    }
  }
});

test("MultiQC's fastp table maps, through fastp's own wide(), to the values of the run's fastp JSON", () => {
  for (const r of RUNS) {
    const f = join(FIX, "multiqc-harness", r, "multiqc_fastp.txt");
    const [row, ...rest] = parseFastpTable(readFileSync(f, "utf8"), f);
    assert.equal(rest.length, 0);
    const json = join(HARNESS, r, "qc", "fastp.json");
    const fromJson = fastpWide(parseFastp(readFileSync(json, "utf8"), json));
    assert.deepEqual(fastpWide(row!), fromJson, r);
    assert.ok(fromJson["fastp.adapter_trimmed_reads_pct"] !== null, "MultiQC 1.35 keeps adapter_cutting");
  }
});

test("a MultiQC-only folder collects into one row with lib/qc's FastQC and fastp columns, every column in the vocabulary", () => {
  const r = collectQc(join(FIX, "multiqc-harness", "r0001"), { requireSamples: true });
  assert.deepEqual(r.rows.map((x) => x.sample), ["reads"]);
  const row = r.rows[0]!;
  assert.equal(row["fastqc.total_sequences"], 200000);
  assert.equal(row["fastp.before_total_reads"], 400000);
  assert.deepEqual(Object.keys(row).filter((k) => !["sample", "sample_raw", "n_records"].includes(k) && !isWideColumn(k)), []);
  assert.ok(Object.keys(row).some((k) => k.startsWith("multiqc.")), "general statistics stay multiqc.* columns");
});

const fq = qcTestData("fastqc");
test("MultiQC's FastQC table over multiqc-test-data's FastQC zips (0.10.1, 0.11.2, trimmed, long reads) equals the zips, joined by FastQC's Filename", { skip: !fq && NO_MIRROR }, () => {
  const f = join(FIX, "multiqc-testdata-fastqc", "multiqc_data", "multiqc_fastqc.txt");
  const text = readFileSync(f, "utf8");
  const filename = new Map(text.split("\n").slice(1).filter(Boolean).map((l) => l.split("\t")).map((p) => [p[0] as string, p[1] as string]));
  const byFilename = new Map<string, ReturnType<typeof fastqcWide>>();
  for (const z of listFiles(["groups", "v0.11.2", "v0.10.1", "issue_1488"].map((d) => join(fq as string, d))).filter((x) => x.endsWith(".zip"))) {
    const rec = collectFile(z).records[0] as FastqcReport;
    byFilename.set(rec.basic.filename as string, fastqcWide(rec));
  }
  const rows = parseFastqcTable(text, f);
  assert.equal(rows.length, 7);
  for (const row of rows) {
    const z = byFilename.get(filename.get(row.sampleRaw) as string);
    assert.ok(z, `zip of ${row.sampleRaw}`);
    const m = fastqcTableWide(row);
    for (const c of MULTIQC_FASTQC_COLUMNS) assert.equal(m[c], z[c], `${row.sampleRaw} ${c}`);
  }
  assert.equal(fastqcTableWide(rows.find((r) => r.sampleRaw === "f759aea1_barcode23")!)["fastqc.avg_sequence_length"], 549.8245, "variable-length reads: same mean length");
});

const mirror = mirrorRoot();
test("nf-core/sarek: MultiQC's fastp table equals each sample's fastp JSON; its FastQC table gives one sample per read pair", { skip: mirror ? false : "no dataset mirror (nfcore-runs)" }, () => {
  const base = join(mirror as string, "nfcore-runs", "sarek-fuzzylife", "results");
  const f = join(base, "multiqc", "multiqc_data", "multiqc_fastp.txt");
  const rows = parseFastpTable(readFileSync(f, "utf8"), f);
  assert.equal(rows.length, 6);
  for (const row of rows) {
    const json = join(base, "reports", "fastp", row.sample, `${row.sample}.fastp.json`);
    assert.deepEqual(fastpWide(row), fastpWide(parseFastp(readFileSync(json, "utf8"), json)), row.sample);
  }
  const q = join(base, "multiqc", "multiqc_data", "multiqc_fastqc.txt");
  const fqRows = parseFastqcTable(readFileSync(q, "utf8"), q);
  assert.equal(fqRows.length, 12);
  assert.deepEqual([...new Set(fqRows.map((r) => r.sample))].sort(), rows.map((r) => r.sample).sort(), "HBRRep1_1 + HBRRep1_2 -> HBRRep1, the fastp sample");
});

test("bad MultiQC tables: errors name file, line and column", () => {
  const head = "Sample\tFilename\tTotal Sequences\t%GC\tSequence length\n";
  const err = (fn: () => unknown, re: RegExp) => assert.throws(fn, (e: unknown) => e instanceof GwtInputError && re.test(e.message));
  err(() => parseFastqcTable(`${head}a\ta.fq\tmany\t50\t100\n`, "t.txt"), /t\.txt.*line 2.*Total Sequences.*'many' is not a number/);
  err(() => parseFastqcTable(`${head}a\ta.fq\t10\t50\t1-x\n`, "t.txt"), /line 2.*Sequence length/);
  err(() => parseFastqcTable("Sample\tfoo\n", "t.txt"), /no sample rows|no 'Total Sequences' column/);
  err(() => parseFastqcTable("x\ty\n1\t2\n", "t.txt"), /expected a 'Sample' first column/);
  err(() => parseFastpTable("Sample\tsummary\na\t{'before_filtering': {'total_reads': 1\n", "p.txt"), /p\.txt.*line 2.*summary.*cannot read/);
  err(() => parseFastpTable("Sample\tsummary\na\t{'x': 1}\n", "p.txt"), /line 2.*no before_filtering/);
});

test("Python literals as MultiQC writes them; nothing evaluated", () => {
  assert.deepEqual(parsePythonLiteral("{'a': 1, 'b': [1.5, -2e-3, (3, 4)], 'c': True, 'd': None, 'e': nan, \"f\": 'it\\'s', 'g': {}}"), { a: 1, b: [1.5, -0.002, [3, 4]], c: true, d: null, e: null, f: "it's", g: {} });
  for (const bad of ["{'a': __import__('os')}", "{'a': 1", "[1, 2", "'open", "{'a' 1}", "1 2"]) assert.throws(() => parsePythonLiteral(bad), SyntaxError, bad);
});

test("mate stems: X_1/X_2 and X_R1/X_R2 pairs only", () => {
  assert.deepEqual([...mateStems(["A_1", "A_2", "B_1", "C_R1", "C_R2", "D_12", "E"])], [["A_1", "A"], ["A_2", "A"], ["C_R1", "C"], ["C_R2", "C"]]);
});
