/**
 * Seeded fuzzing (issue #19). `make unit` runs GWT_FUZZ_CASES (default 1,000) cases per target;
 * `make fuzz` runs 10,000 per target and writes the table to artifacts/fuzz/. A crash is an exception
 * other than the parser's documented refusal; a hang a case slower than 1 s; trace rows must agree
 * between the TS and DuckDB paths; no parsed QC record may put NaN/Infinity into a wide column.
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { projectRoot } from "../data/paths";
import { qcTestData } from "../qc/testData";
import { type FuzzResult, fuzzModel, fuzzQc, harnessQcFile } from "./run";
import { fuzzTracesDifferential } from "./traces";

/** Cases per target in `make unit` / `npm test` (issue #19: a 1,000-case subset of `make fuzz`'s 10,000). */
const UNIT_FUZZ_CASES = 1000;
const N = Number(process.env["GWT_FUZZ_CASES"] ?? UNIT_FUZZ_CASES);
const SEED = Number(process.env["GWT_FUZZ_SEED"] ?? 19);
const results: FuzzResult[] = [];

function check(r: FuzzResult): void {
  results.push(r);
  assert.equal(r.crashes, 0, `${r.target}: ${r.crashes} crashes in ${r.cases} cases:\n${r.crashExamples.join("\n")}`);
  assert.equal(r.hangs, 0, `${r.target}: ${r.hangs} cases over 1 s of CPU time`);
  assert.equal(r.nonFinite, 0, `${r.target}: ${r.nonFinite} cases put NaN/Infinity into an output`);
}

const gatkSeed = qcTestData("gatk/BaseRecalibrator");
const QC_TARGETS: [string, string, string | undefined, string][] = [
  ["FastQC text", "fastqc", harnessQcFile("reads_R1_fastqc.zip"), "x_fastqc_data.txt"],
  ["FastQC zip", "fastqc", harnessQcFile("reads_R1_fastqc.zip"), "x_fastqc.zip"],
  ["Picard", "picard", harnessQcFile("alignment_summary_metrics.txt"), "x.txt"],
  ["samtools stats", "samtools/stats", harnessQcFile("samtools_stats.txt"), "x.txt"],
  ["samtools flagstat", "samtools/flagstat", harnessQcFile("flagstat.txt"), "x.txt"],
  ["fastp", "fastp", harnessQcFile("fastp.json"), "x.fastp.json"],
  ["GATK report", "gatk/report", gatkSeed ? join(gatkSeed, "recal_data.table") : undefined, "x.table"],
];

for (const [name, key, seedFile, fileName] of QC_TARGETS) {
  test(`fuzz ${name}: ${N} seeded cases, no crash, no hang`, { skip: !seedFile || !existsSync(seedFile) ? `seed file absent (${seedFile ?? "multiqc-test-data mirror"}): skipped` : false }, () => {
    if (name === "FastQC text") {
      // the text seed is the fastqc_data.txt inside the committed zip
      const { fastqcDataFromZip } = require("../qc/fastqc/zip") as typeof import("../qc/fastqc/zip");
      const { readFileSync, mkdtempSync } = require("node:fs") as typeof import("node:fs");
      const dir = mkdtempSync(join(require("node:os").tmpdir(), "gwt-fuzz-"));
      const txt = join(dir, "seed_fastqc_data.txt");
      writeFileSync(txt, fastqcDataFromZip(readFileSync(seedFile as string), seedFile as string));
      check(fuzzQc(name, key, txt, fileName, N, SEED));
    } else check(fuzzQc(name, key, seedFile as string, fileName, N, SEED));
  });
}

test(`fuzz model JSON: ${N} seeded cases (checksum recomputed in 3 of 4), refused or predicted, never a crash`, { skip: existsSync(join(projectRoot(), "artifacts/models/harness-bwa_mem-fastp.json")) ? false : "no shipped model: skipped" }, () => {
  check(fuzzModel(N, SEED));
});

for (const fmt of ["nextflow", "galaxy"] as const) {
  test(`differential fuzz: ${Math.max(N, 1000)} hostile ${fmt} rows, TS and DuckDB paths agree`, async () => {
    const r = await fuzzTracesDifferential(fmt, Math.max(N, 1000), SEED);
    check(r);
  });
}

test("fuzz summary", () => {
  const lines = ["| target | cases | crashes | hangs (> 1 s CPU) | outputs with NaN/Infinity | slowest case, CPU ms | slowest case, wall ms | seconds |", "|---|---:|---:|---:|---:|---:|---:|---:|"];
  for (const r of results) lines.push(`| ${r.target} | ${r.cases} | ${r.crashes} | ${r.hangs} | ${r.nonFinite} | ${Number.isNaN(r.maxCaseCpuMs) ? "-" : r.maxCaseCpuMs.toFixed(0)} | ${Number.isNaN(r.maxCaseMs) ? "-" : r.maxCaseMs.toFixed(0)} | ${r.seconds.toFixed(1)} |`);
  const table = `${lines.join("\n")}\n`;
  process.stdout.write(`\n${table}`);
  const out = process.env["GWT_FUZZ_OUT"];
  if (out) {
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, `fuzz-${N}.md`), `# gwtime fuzz, ${N} cases per target, seed ${SEED}\n\n${table}`);
  }
});
