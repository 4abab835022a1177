import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { test } from "node:test";
import { FEATURES } from "../features/registry";
import { ancestors, makeDag, parseRuleGraphDot } from "./dag";
import { HARNESS_BOOKKEEPING_RULES, HARNESS_DAG, ancestorColumns, columnAvailability, producerOf } from "./harnessDag";

const ROOT = resolve(__dirname, "..", "..");
const SNAKEMAKE = [join(ROOT, ".venv", "bin", "snakemake"), process.env.SNAKEMAKE ?? ""].find((p) => p && existsSync(p));

test("the declared harness DAG is the one Snakemake builds from harness/Snakefile", { skip: SNAKEMAKE ? false : "snakemake not installed (.venv/bin/snakemake): cannot read the rule graph" }, () => {
  const tmp = mkdtempSync(join(tmpdir(), "gwt-dag-"));
  try {
    const design = join(ROOT, "data", "harness", "design.tsv");
    const head = readFileSync(design, "utf8").split("\n").slice(0, 2).join("\n") + "\n";
    writeFileSync(join(tmp, "design.tsv"), head);
    // the rule graph needs the reference files to exist, not to be real
    mkdirSync(join(tmp, "refs"));
    for (const f of ["ecoli_k12.fa", "ecoli_k12.fa.bwt"]) writeFileSync(join(tmp, "refs", f), "");
    const dot = execFileSync(SNAKEMAKE!, ["-s", join(ROOT, "harness", "Snakefile"), "-d", tmp, "--rulegraph", "--config",
      `design=${join(tmp, "design.tsv")}`, `outdir=${join(tmp, "out")}`, `workdir=${join(tmp, "work")}`, `refs=${join(tmp, "refs")}`],
    { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 120_000 });
    const edges = parseRuleGraphDot(dot).filter(([a, b]) => !HARNESS_BOOKKEEPING_RULES.has(a) && !HARNESS_BOOKKEEPING_RULES.has(b));
    const key = (e: readonly [string, string]) => `${e[0]} -> ${e[1]}`;
    assert.deepEqual(edges.map(key).sort(), HARNESS_DAG.edges.map(key).sort());
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test("ancestors: the callers start after MarkDuplicates, not after the Picard metric rules (their siblings)", () => {
  const fb = ancestors(HARNESS_DAG, "freebayes");
  assert.deepEqual([...fb].sort(), ["bwa_mem", "markduplicates", "samtools_view", "simulate", "sortsam"]);
  assert.ok(!fb.has("alignment_summary") && !fb.has("flagstat_stats"));
  assert.deepEqual([...ancestors(HARNESS_DAG, "bwa_mem")], ["simulate"]);
});

test("column availability follows the DAG and the moment", () => {
  // the freebayes lift of earlier notebooks used a sibling's output
  const mm = columnAvailability("picard.aln.pf_mismatch_rate", "freebayes", "in-flight");
  assert.equal(mm.available, false);
  assert.match(mm.reason, /not an ancestor of freebayes/);
  // MarkDuplicates' own metric: known to the callers in flight, never to MarkDuplicates itself
  assert.equal(columnAvailability("picard.dup.percent_duplication", "freebayes", "in-flight").available, true);
  assert.equal(columnAvailability("picard.dup.percent_duplication", "markduplicates", "in-flight").available, false);
  assert.equal(columnAvailability("picard.dup.percent_duplication", "freebayes", "submission").available, false);
  // samtools stats runs on dedup.bam: not known to SortSam
  assert.equal(columnAvailability("samtools.error_rate", "sortsam", "in-flight").available, false);
  // the input reads' QC is known at submission for every step
  for (const s of HARNESS_DAG.steps) assert.equal(columnAvailability("fastqc.mean_quality", s, "submission").available, true);
  assert.equal(columnAvailability("ancestor.bwa_mem.cpu_s", "sortsam", "in-flight").available, true);
  assert.equal(columnAvailability("ancestor.bwa_mem.cpu_s", "sortsam", "submission").available, false);
  assert.equal(columnAvailability("ancestor.sortsam.cpu_s", "bwa_mem", "in-flight").available, false);
});

test("every registry feature names a column whose producing rule is known", () => {
  for (const f of FEATURES) assert.doesNotThrow(() => producerOf(f.column), f.column);
  assert.throws(() => producerOf("mystery.column"), /no producing rule known for column 'mystery.column'/);
});

test("ancestor columns: observed time and output size of each completed ancestor, in workflow order", () => {
  assert.deepEqual(ancestorColumns("sortsam"), [
    "ancestor.bwa_mem.cpu_s", "ancestor.bwa_mem.wall_s", "ancestor.bwa_mem.output_bytes",
    "ancestor.samtools_view.cpu_s", "ancestor.samtools_view.wall_s", "ancestor.samtools_view.output_bytes"]);
  assert.deepEqual(ancestorColumns("bwa_mem"), []);
});

test("makeDag rejects a cycle, naming its steps", () => {
  assert.throws(() => makeDag("t", [["a", "b"], ["b", "c"], ["c", "b"]]), /cycle through b, c/);
  assert.throws(() => ancestors(HARNESS_DAG, "nope"), /unknown step 'nope'/);
});

test("parseRuleGraphDot reads Snakemake's DOT and refuses text without nodes", () => {
  const dot = 'digraph snakemake_dag {\n\t0[label = "all", color = "x"];\n\t1[label = "a"];\n\t1 -> 0\n}';
  assert.deepEqual(parseRuleGraphDot(dot), [["a", "all"]]);
  assert.throws(() => parseRuleGraphDot("hello"), /no labelled node/);
});
