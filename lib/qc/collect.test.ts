import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { test } from "node:test";
import { projectRoot } from "../data/paths";
import { NoInputFoundError } from "../util/errors";
import { collectFile, collectQc, listFiles, toWideRows } from "./collect";
import { parseDataJson, parseGeneralStats } from "./multiqc";
import { DEFAULT_SEARCH_PATTERNS } from "./searchPatterns";
import { NO_MIRROR, QC_TOOL_DIRS, qcTestData } from "./testData";
import { rowsToCsv, writeQcRows } from "./write";

const root = qcTestData();
const dirs = root ? QC_TOOL_DIRS.map((t) => join(root, t)) : [];

/** Files that must fail, with the reason they fail for. Every other file parses or is skipped with a reason. */
const EXPECTED_FAILURES: Record<string, RegExp> = {
  "fastqc/fake_report_fastqc.zip": /0-byte file: not a zip/,
  "fastp/issue_1652/5fastp.json": /not a fastp report/,
  "picard/RnaSeqMetrics/truncated.txt": /no '## METRICS CLASS' section/,
  "samtools/coverage/issue_3343/HG01606_coverage.txt": /line 2733: row has 11 cells, header 9/,
  // Ends inside its last row with no final newline (htsjdk ends every row with one): LANE of that row may be cut.
  "picard/IlluminaLaneMetrics/999999_NB552085_0077_AHYNCMAFXY.illumina_lane_metrics": /line 11: file ends inside a table row, without the final newline/,
};
const EXPECTED_SKIP_REASONS = [/FastQC HTML report/, /fastp HTML report/, /theoretical GC/, /configuration file/, /DepthOfCoverage/, /ValidateSamFile/];

test("every FastQC/Picard/GATK/samtools/fastp file of multiqc-test-data parses, or is skipped/failed with a precise reason", { skip: !root && NO_MIRROR }, () => {
  const res = collectQc(dirs);
  const rel = (f: string) => relative(root as string, f);
  assert.equal(res.report.files.length, listFiles(dirs).length, "every file is in the report");
  assert.equal(res.report.parsed + res.report.skipped + res.report.failed, res.report.files.length);
  const failed = res.report.files.filter((f) => f.status === "failed");
  assert.deepEqual(failed.map((f) => rel(f.file)).sort(), Object.keys(EXPECTED_FAILURES).sort());
  for (const f of failed) assert.match(f.reason ?? "", EXPECTED_FAILURES[rel(f.file)] as RegExp, rel(f.file));
  for (const f of res.report.files.filter((x) => x.status === "skipped")) assert.ok(EXPECTED_SKIP_REASONS.some((re) => re.test(f.reason ?? "")), `${rel(f.file)}: ${f.reason}`);
  // Every parser-covered data file of each tool parses (besides the expected failures and documented skips).
  const parsed = new Set(res.report.files.filter((f) => f.status === "parsed").map((f) => rel(f.file)));
  for (const f of ["fastqc/v0.7.2/SRR1067503_v7_1_fastqc.zip", "picard/WgsMetrics/test1.wgs.metrics.txt", "gatk/varianteval/multisample_output.eval", "samtools/stats/Test1.txt", "fastp/issue_2826_with_merge/with_merge.fastp.json"]) assert.ok(parsed.has(f), f);
  assert.ok(res.report.parsed >= 190, `parsed ${res.report.parsed}`);
  // No real file has a value refused (negative count, non-finite number): the checks do not misfire on real outputs.
  assert.equal(res.report.issues, 0, JSON.stringify(res.report.files.filter((f) => f.issues).map((f) => [rel(f.file), f.issues]).slice(0, 3)));
  // One row per sample; every parsed record's sample has a row (no silent loss).
  const samples = new Set(res.rows.map((r) => r.sample));
  assert.equal(samples.size, res.rows.length);
  for (const s of res.records.keys()) assert.ok(samples.has(s), s);
  assert.equal(res.table.numRows(), res.rows.length);
  // Joined sample: FastQC + Picard MarkDuplicates + samtools stats of SRR1067503_1.
  const srr = res.rows.find((r) => r.sample === "SRR1067503_1");
  assert.equal(srr?.["fastqc.total_sequences"], 30680980);
  assert.equal(srr?.["picard.dup.percent_duplication"], 0.090359);
  assert.equal(srr?.["samtools.raw_total_sequences"], 29071646);
  // The wide table says which category/library it took.
  const asm = res.report.files.find((f) => rel(f.file) === "picard/AlignmentSummaryMetrics/PairedEnd_AlignmentSummaryMetrics.txt");
  assert.match((asm?.notes ?? []).join(" "), /CATEGORY=PAIR/);
  // Multi-row classes are kept whole in records.
  const nrs = res.records.get("NRS_ASCL1_KO")?.find((r) => r.kind === "picard/DuplicationMetrics") as { rows: unknown[] } | undefined;
  assert.equal(nrs?.rows.length, 3);
});

test("collectQc is deterministic and leaves inputs alone; NoInputFoundError on an empty dir", { skip: !root && NO_MIRROR }, () => {
  const a = collectQc(join(root as string, "samtools"));
  const b = collectQc(join(root as string, "samtools"));
  assert.deepEqual(a.rows, b.rows);
  const empty = mkdtempSync(join(tmpdir(), "gwt-qc-empty-"));
  try {
    assert.throws(() => collectQc(empty), NoInputFoundError);
    assert.equal(collectQc(empty, { requireSamples: false }).rows.length, 0);
    writeFileSync(join(empty, "garbage.bin"), Buffer.from([0, 1, 2, 255, 0, 7]));
    writeFileSync(join(empty, "empty.txt"), "");
    writeFileSync(join(empty, "x_fastqc.zip"), Buffer.from("PK\u0003\u0004 not really"));
    writeFileSync(join(empty, "t.metrics"), "## htsjdk.samtools.metrics.StringHeader\n# MarkDuplicates INPUT=a.bam\n## METRICS CLASS\tpicard.sam.DuplicationMetrics\n");
    const r = collectQc(empty, { requireSamples: false });
    const by = new Map(r.report.files.map((f) => [f.file.split("/").pop(), f]));
    assert.match(by.get("garbage.bin")?.reason ?? "", /binary file/);
    assert.match(by.get("empty.txt")?.reason ?? "", /empty file/);
    assert.equal(by.get("x_fastqc.zip")?.status, "failed");
    assert.match(by.get("x_fastqc.zip")?.reason ?? "", /zip/);
    assert.equal(by.get("t.metrics")?.status, "failed");
    assert.match(by.get("t.metrics")?.reason ?? "", /no header row.*line 4|line 4.*no header row|no header row/);
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
});

test("the detection table is overridable by the caller", { skip: !root && NO_MIRROR }, () => {
  const f = join(root as string, "fastqc", "fastqc_theoretical_gc.txt");
  assert.equal(collectFile(f).report.status, "skipped");
  const custom = [{ key: "skip/mine", fn: ["*fastqc_data.txt"], reason: "not wanted here" }, ...DEFAULT_SEARCH_PATTERNS];
  const r = collectFile(join(root as string, "fastqc", "fastqc_data.txt"), { searchPatterns: custom });
  assert.equal(r.report.status, "skipped");
  assert.equal(r.report.reason, "not wanted here");
});

test("R1/R2 of one sample merge into one row (mean) and the merge is reported", () => {
  const base = { file: "a", sampleRaw: "s_R1", sample: "s", command: null, filtering: {}, duplicationRate: 0.1, insertSizePeak: null, insertSizeUnknown: null, adapterTrimmedReads: null, adapterTrimmedBases: null } as const;
  const summ = { total_reads: 10, total_bases: null, q20_bases: null, q30_bases: null, q20_rate: null, q30_rate: null, read1_mean_length: null, read2_mean_length: null, gc_content: null };
  const recs = [
    { ...base, kind: "fastp" as const, before: summ, after: summ },
    { ...base, kind: "fastp" as const, file: "b", sampleRaw: "s_R2", duplicationRate: 0.3, before: summ, after: summ },
  ];
  const frozen = JSON.stringify(recs);
  const { rows, merges } = toWideRows(recs);
  assert.equal(rows.length, 1);
  assert.ok(Math.abs((rows[0]?.["fastp.duplication_rate_pct"] as number) - 20) < 1e-9);
  assert.equal(rows[0]?.sample_raw, "s_R1; s_R2");
  assert.ok(merges.some((m) => m.column === "fastp.duplication_rate_pct" && m.files.length === 2));
  assert.equal(JSON.stringify(recs), frozen, "inputs not mutated");
});

test("MultiQC general stats (TSV and multiqc_data.json) feed the table", () => {
  const tsv = "Sample\tFastQC_mqc-generalstats-fastqc-percent_gc\tFastQC_mqc-generalstats-fastqc-total_sequences\nS1_R1\t44.0\t1000.0\nS2\t\t20\n";
  const g = parseGeneralStats(tsv, "multiqc_general_stats.txt");
  assert.equal(g.length, 2);
  assert.equal(g[0]?.sample, "S1");
  assert.equal(g[0]?.values["FastQC_mqc-generalstats-fastqc-percent_gc"], 44);
  assert.equal(g[1]?.values["FastQC_mqc-generalstats-fastqc-percent_gc"], null);
  const js = JSON.stringify({ report_general_stats_data: [{ S1: { percent_gc: 44 } }, { S1: { PCT_PF_READS_ALIGNED: 0.9 } }] });
  const d = parseDataJson(js, "multiqc_data.json");
  assert.equal(d.length, 1);
  assert.deepEqual(d[0]?.values, { "0.percent_gc": 44, "1.PCT_PF_READS_ALIGNED": 0.9 });
});

test("writers: CSV quoting, JSON, Parquet (via DuckDB) round trip", async () => {
  const rows = [{ sample: 'a,"b"', sample_raw: "x", n_records: 1, "fastqc.total_sequences": 5 }, { sample: "c", sample_raw: "y", n_records: 2, "picard.aln.category": "PAIR" }];
  assert.equal(rowsToCsv(rows), 'sample,sample_raw,n_records,fastqc.total_sequences,picard.aln.category\n"a,""b""",x,1,5,\nc,y,2,,PAIR\n');
  const dir = mkdtempSync(join(tmpdir(), "gwt-qc-w-"));
  try {
    await writeQcRows(rows, join(dir, "m.json"));
    assert.deepEqual(JSON.parse(readFileSync(join(dir, "m.json"), "utf8"))[1], { sample: "c", sample_raw: "y", n_records: 2, "fastqc.total_sequences": null, "picard.aln.category": "PAIR" });
    await writeQcRows(rows, join(dir, "m.parquet"));
    const { DuckDBInstance } = await import("@duckdb/node-api");
    const con = await (await DuckDBInstance.create(":memory:")).connect();
    const r = await con.runAndReadAll(`SELECT sample, "fastqc.total_sequences", "picard.aln.category" FROM '${join(dir, "m.parquet")}' ORDER BY sample`);
    assert.deepEqual(r.getRows(), [['a,"b"', 5, null], ["c", null, "PAIR"]]);
    con.closeSync();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("CLI: gwtime qc writes the table and a format report; exit 1 when a file failed unless --keep-going", { skip: !root && NO_MIRROR }, () => {
  const dir = mkdtempSync(join(tmpdir(), "gwt-qc-cli-"));
  try {
    const main = resolve(__dirname, "..", "cli", "main.js");
    // samtools/ of multiqc-test-data holds one bad file (coverage, issue 3343): the others are still written, exit 1.
    const strict = spawnSync(process.execPath, [main, "qc", join(root as string, "samtools"), "--out", join(dir, "m.csv"), "--format-report", join(dir, "r.json")], { encoding: "utf8" });
    assert.equal(strict.status, 1, strict.stderr);
    assert.match(strict.stderr, /HG01606_coverage\.txt, line 2733: row has 11 cells/);
    assert.match(strict.stderr, /exit 1: 1 file\(s\) failed.*--keep-going/);
    assert.equal(strict.stdout, "");
    const csv = readFileSync(join(dir, "m.csv"), "utf8");
    assert.match(csv.split("\n")[0] ?? "", /^sample,sample_raw,n_records,samtools\./);
    const rep = JSON.parse(readFileSync(join(dir, "r.json"), "utf8"));
    assert.equal(rep.failed, 1);
    const going = spawnSync(process.execPath, [main, "qc", join(root as string, "samtools"), "--out", join(dir, "m2.csv"), "--keep-going"], { encoding: "utf8" });
    assert.equal(going.status, 0, going.stderr);
    assert.equal(readFileSync(join(dir, "m2.csv"), "utf8"), csv, "--keep-going changes the exit code only");
    assert.match(spawnSync(process.execPath, [main, "--help"], { encoding: "utf8" }).stdout, /--keep-going/);
    assert.throws(() => execFileSync(process.execPath, [main, "qc", dir, "--out", join(dir, "x.xlsx")], { stdio: "pipe" }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("harness QC outputs (data/harness/runs/*/qc), when present, all parse", (t) => {
  const runs = join(projectRoot(), "data", "harness", "runs");
  const qcDirs = existsSync(runs) ? readdirSync(runs).map((r) => join(runs, r, "qc")).filter((d) => existsSync(d)) : [];
  if (qcDirs.length === 0) return t.skip("no harness runs with qc/ yet");
  for (const d of qcDirs) {
    const res = collectQc(d, { requireSamples: false });
    const bad = res.report.files.filter((f) => f.status === "failed");
    assert.deepEqual(bad.map((f) => f.reason), [], d);
    assert.ok(res.report.parsed > 0, `${d}: nothing parsed`);
  }
});

test("worker threads and lazy tables change nothing: same rows, report and progress order as one thread", { skip: !root && NO_MIRROR }, () => {
  const seq: number[] = [];
  const par: number[] = [];
  const a = collectQc(dirs, { keepRecords: false, workers: 0, onProgress: (d) => seq.push(d) });
  const b = collectQc(dirs, { keepRecords: false, workers: 2, onProgress: (d) => par.push(d) });
  assert.equal(rowsToCsv(b.rows), rowsToCsv(a.rows));
  assert.deepEqual(b.report, a.report);
  assert.deepEqual(par, seq);
  // keepRecords (default) parses on this thread: the wide rows agree with the records' own fold.
  const c = collectQc(dirs);
  assert.equal(rowsToCsv(c.rows), rowsToCsv(a.rows));
  assert.equal(rowsToCsv(toWideRows([...c.records.values()].flat().sort((x, y) => (x.file < y.file ? -1 : x.file > y.file ? 1 : 0))).rows), rowsToCsv(a.rows));
});
