import { test } from "node:test";
import assert from "node:assert/strict";
import { nextflowTag, qcCandidates, taskCandidates } from "./sampleNames";
import { benchmarkStep } from "./join";

test("Nextflow task names give their (TAG), nf-core meta.id style", () => {
  assert.equal(nextflowTag("NFCORE_SAREK:SAREK:FASTQ_ALIGN_BWAMEM:BWAMEM1_MEM (patient1_tumor)"), "patient1_tumor");
  assert.equal(nextflowTag("NFCORE_X:X:FASTQC (LD1A1)"), "LD1A1");
  assert.equal(nextflowTag("NFCORE_X:X:MULTIQC"), undefined);
  assert.equal(nextflowTag("P ()"), undefined);
});

test("QC names: exact first, then mate and BAM-stage suffixes stripped one at a time", () => {
  assert.deepEqual(qcCandidates("HBRRep1_1").map((c) => [c.key, c.mate]), [["HBRRep1_1", false], ["HBRRep1", true]]);
  assert.deepEqual(qcCandidates("S1_R2").map((c) => c.key), ["S1_R2", "S1"]);
  assert.deepEqual(qcCandidates("HBRRep1.md").map((c) => c.key), ["HBRRep1.md", "HBRRep1"]);
  assert.deepEqual(qcCandidates("HBRRep1.haplotypecaller.filtered").map((c) => c.key), ["HBRRep1.haplotypecaller.filtered", "HBRRep1.haplotypecaller", "HBRRep1"]);
  assert.deepEqual(qcCandidates("LD1A1").map((c) => c.key), ["LD1A1"], "a trailing digit without separator is not a mate");
});

test("task candidates: trace tag, then the name's (TAG), then Snakemake benchmark path parts", () => {
  const nf = { source: "nextflow", sample: undefined, raw: { name: "NFCORE_X:X:FASTQC (LD1A1)" } };
  assert.deepEqual(taskCandidates(nf, "t.txt").map((c) => c.key), ["LD1A1"]);
  const tagged = { source: "nextflow", sample: "r0001", raw: { name: "fastqc (r0001)" } };
  assert.deepEqual(taskCandidates(tagged, "t.tsv").map((c) => c.key), ["r0001"]);
  const smk = { source: "snakemake", sample: undefined, raw: {} };
  const keys = taskCandidates(smk, "benchmarks/S1_L001.bwa_mem.tsv").map((c) => c.key);
  for (const k of ["S1_L001", "bwa_mem", "S1"]) assert.ok(keys.includes(k), `${k} in ${keys.join(",")}`);
});

test("benchmark file names give the rule once the sample wildcard is known", () => {
  assert.equal(benchmarkStep("benchmarks/S1.bwa_mem.tsv", "S1"), "bwa_mem");
  assert.equal(benchmarkStep("benchmarks/bwa_mem/S1.tsv", "S1"), "bwa_mem");
  assert.equal(benchmarkStep("bench/sortsam_S1.txt", "S1"), "sortsam");
});
