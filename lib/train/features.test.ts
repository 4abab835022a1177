import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { HARNESS_DAG } from "../workflow/harnessDag";
import { columnSpec, isInputReadsColumn, moduleOf, parseDag } from "./features";
import { trainFixture } from "./testData";

test("the harness --dag example is the workflow's DAG (lib/workflow, itself checked against snakemake --rulegraph)", () => {
  const declared: string[] = [];
  for (const l of readFileSync(trainFixture("harness.dag.tsv"), "utf8").split("\n")) {
    if (l.trim() === "" || l.startsWith("#")) continue;
    const [a, b] = l.split("\t");
    declared.push(`${b} -> ${a}`);
  }
  const workflow = HARNESS_DAG.edges.filter(([a]) => a !== "simulate").map(([a, b]) => `${a} -> ${b}`);
  assert.deepEqual(declared.sort(), workflow.sort());
  const anc = parseDag(readFileSync(trainFixture("harness.dag.tsv"), "utf8"));
  assert.deepEqual([...(anc.get("freebayes") ?? [])].sort(), ["bwa_mem", "markduplicates", "samtools_view", "sortsam"]);
  assert.equal(anc.has("bwa_mem"), false, "bwa_mem reads the reads only");
  assert.throws(() => parseDag("a\tb\nb\ta\n"), /cycle through a, b/);
});

test("MultiQC modules and input-read columns", () => {
  assert.equal(moduleOf("fastqc_raw-percent_gc"), "fastqc_raw");
  assert.equal(moduleOf("multiqc_fastqc.Total_Sequences"), "fastqc");
  assert.equal(moduleOf("fastp_read_preprocessing-pct_duplication"), "fastp_read_preprocessing");
  assert.ok(isInputReadsColumn("fastp-pct_adapter"));
  assert.ok(!isInputReadsColumn("cutadapt-percent_trimmed"));
  assert.equal(columnSpec("multiqc_fastqc.Total_Sequences").transform, "log1p");
  assert.equal(columnSpec("fastqc-percent_gc").transform, "identity");
});
