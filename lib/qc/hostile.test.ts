/**
 * Hostile QC files (issue #19, item 5), each derived from a real output of the harness (run r0001,
 * committed under data/harness/runs/r0001/qc) by one edit: a file cut inside a row, a BOM, CR-only
 * line ends, a duplicated FastQC module, a negative count, a number beyond the double range, binary
 * content under a text name. Each goes through `collectFile` (what `gwtime qc` runs) and, where it
 * matters, the CSV writer and the CLI's exit code.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { test } from "node:test";
import { gzipSync } from "node:zlib";
import { projectRoot } from "../data/paths";
import { GwtInputError } from "../util/errors";
import { collectFile, collectQc } from "./collect";
import { parseFastqc, fastqcDataFromZip } from "./fastqc";
import { parsePicard } from "./picard";
import { rowsToCsv } from "./write";

const QC = join(projectRoot(), "data", "harness", "runs", "r0001", "qc");
const read = (name: string) => readFileSync(join(QC, name), "utf8");
/** 1-based line of character `at`. */
const lineOf = (text: string, at: number) => text.slice(0, at).split("\n").length;
const fastqcText = () => fastqcDataFromZip(readFileSync(join(QC, "reads_R1_fastqc.zip")), "reads_R1_fastqc.zip");

/** Write `files` into a fresh folder, run `f(dir)`, remove the folder. */
function withFiles<T>(files: Record<string, string | Buffer>, f: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), "gwt-hostile-qc-"));
  try {
    for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body);
    return f(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One file through collectFile: its report entry and the wide row (when it parsed). */
function collectOne(name: string, body: string | Buffer) {
  return withFiles({ [name]: body }, (dir) => {
    const { report } = collectFile(join(dir, name));
    const rows = report.status === "parsed" ? collectQc(dir, { requireSamples: false }).rows : [];
    return { report, row: rows[0], csv: rowsToCsv(rows) };
  });
}

test("Picard cut inside a row fails with the line (it used to report FIRST_OF_PAIR's 200000 reads as the total)", () => {
  const full = read("alignment_summary_metrics.txt");
  const ok = collectOne("alignment_summary_metrics.txt", full);
  assert.equal(ok.report.status, "parsed");
  assert.equal(ok.row?.["picard.aln.total_reads"], 400000);
  const pair = full.indexOf("PAIR\t400000");
  // Cut two characters into the PAIR row (line 10), three cells into it, and inside the histogram's last row.
  for (const [cut, line, re] of [
    [pair + 2, 10, /line 10: row has 1 of the header's \d+ cells \(file cut inside this row\?\)/],
    [pair + "PAIR\t400000\t400000\t".length, 10, /line 10: row has 4 of the header's/],
    [full.lastIndexOf("100\t400000\t") + 6, lineOf(full, full.lastIndexOf("100\t400000\t")), /histogram row has 2 of the header's 3 cells/],
  ] as const) {
    const r = collectOne("alignment_summary_metrics.txt", full.slice(0, cut)).report;
    assert.equal(r.status, "failed", `cut at ${cut}`);
    assert.equal(r.line, line);
    assert.match(r.reason ?? "", re);
  }
  // Cut inside the last cell of the last row: the cell count is whole, the missing final newline gives it away.
  const lastCell = collectOne("alignment_summary_metrics.txt", full.slice(0, full.lastIndexOf("399980") + 4)).report;
  assert.equal(lastCell.status, "failed");
  assert.equal(lastCell.line, lineOf(full, full.lastIndexOf("399980")));
  assert.match(lastCell.reason ?? "", /file ends inside a table row, without the final newline/);
  // The pure parser says the same.
  assert.throws(() => parsePicard(full.slice(0, pair + 2), "x.txt"), (e: unknown) => e instanceof GwtInputError && e.line === 10);
  // A file that ends right after a complete row's newline (no trailing blank line) still parses.
  assert.equal(parsePicard(full.slice(0, full.indexOf("\n", pair) + 1), "x.txt")[0]?.rows.length, 3);
});

test("a UTF-8 BOM and CR-only line ends change nothing: same wide row as the original (FastQC, Picard, samtools)", () => {
  const cases: [string, string][] = [
    ["reads_R1_fastqc_data.txt", fastqcText()],
    ["alignment_summary_metrics.txt", read("alignment_summary_metrics.txt")],
    ["samtools_stats.txt", read("samtools_stats.txt")],
  ];
  for (const [name, text] of cases) {
    const base = collectOne(name, text);
    assert.equal(base.report.status, "parsed", name);
    for (const [what, body] of [["BOM", `\ufeff${text}`], ["CR-only", text.replace(/\n/g, "\r")], ["BOM + CRLF", `\ufeff${text.replace(/\n/g, "\r\n")}`]] as const) {
      const got = collectOne(name, body);
      assert.equal(got.report.status, "parsed", `${name} with ${what}: ${got.report.reason}`);
      assert.deepEqual(got.row, base.row, `${name} with ${what}`);
    }
  }
  // The pure FastQC parser too (the BOM used to give "not a FastQC report").
  assert.equal(parseFastqc(`\ufeff${fastqcText()}`, "x").basic.totalSequences, 200000);
});

test("a FastQC module appearing twice fails, naming both lines and the module", () => {
  const t = fastqcText();
  const a = t.indexOf(">>Per base N content");
  const b = t.indexOf(">>END_MODULE", a) + ">>END_MODULE\n".length;
  const r = collectOne("reads_R1_fastqc_data.txt", t + t.slice(a, b)).report;
  assert.equal(r.status, "failed");
  const first = t.slice(0, a).split("\n").length;
  const second = t.split("\n").length;
  assert.equal(r.line, second);
  assert.match(r.reason ?? "", new RegExp(`line ${second}, field 'Per base N content': module 'Per base N content' appears twice \\(first at line ${first}\\)`));
});

test("negative counts and numbers beyond the double range are refused with file/line/field, never written as NaN/Infinity", () => {
  const fq = fastqcText();
  const fqLine = (needle: string) => fq.slice(0, fq.indexOf(needle)).split("\n").length;
  const aln = read("alignment_summary_metrics.txt");
  const sam = read("samtools_stats.txt");
  const fastp = read("fastp.json");
  const cases: { name: string; body: string; field: string; line?: number; value: string; column: string }[] = [
    { name: "neg_fastqc_data.txt", body: fq.replace("Total Sequences\t200000", "Total Sequences\t-200000"), field: "Total Sequences", line: fqLine("Total Sequences"), value: "-200000", column: "fastqc.total_sequences" },
    { name: "inf_fastqc_data.txt", body: fq.replace("%GC\t50", "%GC\t1e309"), field: "%GC", line: fqLine("%GC"), value: "1e309", column: "fastqc.percent_gc" },
    { name: "alignment_summary_metrics.txt", body: aln.replace("PAIR\t400000", "PAIR\t1e309"), field: "TOTAL_READS", line: 10, value: "1e309", column: "picard.aln.total_reads" },
    { name: "alignment_summary_metrics.txt", body: aln.replace("PAIR\t400000", "PAIR\t-400000"), field: "TOTAL_READS", line: 10, value: "-400000", column: "picard.aln.total_reads" },
    { name: "samtools_stats.txt", body: sam.replace(/^SN\traw total sequences:\t\d+/m, "SN\traw total sequences:\t-5"), field: "raw total sequences", line: sam.slice(0, sam.indexOf("SN\traw total sequences:")).split("\n").length, value: "-5", column: "samtools.raw_total_sequences" },
    { name: "x.fastp.json", body: fastp.replace(/"total_reads":\s*\d+/, '"total_reads":1e309'), field: "summary.before_filtering.total_reads", value: "Infinity", column: "fastp.before_total_reads" },
  ];
  for (const c of cases) {
    const got = collectOne(c.name, c.body);
    assert.equal(got.report.status, "parsed", `${c.name}: ${got.report.reason}`);
    const issue = got.report.issues?.find((i) => i.field === c.field);
    assert.ok(issue, `${c.name}: an issue for ${c.field} (got ${JSON.stringify(got.report.issues)})`);
    assert.equal(issue.line, c.line, c.name);
    assert.equal(issue.value, c.value);
    assert.match(issue.reason, c.value.startsWith("-") ? /negative value/ : /not a finite number/);
    assert.equal((got.row as Record<string, unknown> | undefined)?.[c.column] ?? null, null, `${c.name}: ${c.column} left empty`);
    assert.doesNotMatch(got.csv, /NaN|Infinity|-200000|-400000/, c.name);
  }
  // Signed Picard columns stay signed: a negative LOD score is a real value, not an issue.
  const lod = parsePicard("## METRICS CLASS\tpicard.fingerprint.CrosscheckMetric\nLEFT_GROUP_VALUE\tLOD_SCORE\tLEFT_LANE\nA\t-12.5\t-1\n", "x.txt")[0];
  assert.deepEqual(lod?.rows[0], { LEFT_GROUP_VALUE: "A", LOD_SCORE: -12.5, LEFT_LANE: -1 });
  assert.equal(lod?.issues, undefined);
});

test("binary content under a text name says so (a binary *.fastp.json used to be an 'empty file')", () => {
  const bin = collectOne("x.fastp.json", Buffer.concat([Buffer.from([0, 1, 2, 3]), readFileSync(join(QC, "reads_R1_fastqc.zip"))])).report;
  assert.equal(bin.status, "failed");
  assert.match(bin.reason ?? "", /line 1: binary content \(NUL byte\) in a file named like a text fastp report/);
  assert.doesNotMatch(bin.reason ?? "", /empty/);
  const gz = collectOne("x.fastp.json", gzipSync(read("fastp.json"))).report;
  assert.match(gz.reason ?? "", /binary content.*\(gzip-compressed\?\)/);
  // A NUL past the first 8 KiB (where binary detection looks) is found too, with its line.
  const aln = read("alignment_summary_metrics.txt");
  const lateBody = `${aln}${"\n".repeat(10_000)}PAIR\0\n`;
  const late = collectOne("alignment_summary_metrics.txt", lateBody).report;
  assert.equal(late.status, "failed");
  assert.equal(late.line, lineOf(lateBody, lateBody.indexOf("\0")));
  assert.match(late.reason ?? "", /binary content \(NUL byte\)/);
  // An empty file is still called empty.
  assert.match(collectOne("x.fastp.json", "").report.reason ?? "", /empty file/);
});

test("gwtime qc: exit 1 when a file failed (the others still written), exit 0 with --keep-going", () => {
  const main = resolve(__dirname, "..", "cli", "main.js");
  const full = read("alignment_summary_metrics.txt");
  withFiles({ "reads_R1_fastqc_data.txt": fastqcText(), "alignment_summary_metrics.txt": full.slice(0, full.indexOf("PAIR\t400000") + 2) }, (dir) => {
    const out = join(dir, "m.csv");
    const strict = spawnSync(process.execPath, [main, "qc", dir, "--out", out], { encoding: "utf8" });
    assert.equal(strict.status, 1, strict.stderr);
    assert.match(strict.stderr, /2 files: 1 parsed, 0 skipped, 1 failed/);
    assert.match(strict.stderr, /alignment_summary_metrics\.txt, line 10: row has 1 of the header's/);
    const csv = readFileSync(out, "utf8");
    assert.match(csv, /fastqc\.total_sequences/);
    assert.doesNotMatch(csv, /picard/);
    const going = spawnSync(process.execPath, [main, "qc", dir, "--out", out, "--keep-going"], { encoding: "utf8" });
    assert.equal(going.status, 0, going.stderr);
    assert.equal(readFileSync(out, "utf8"), csv);
  });
});
