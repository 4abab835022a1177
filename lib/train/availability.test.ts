import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { expandTracePaths, readTraces } from "../traces/read";
import { GwtInputError } from "../util/errors";
import { checkDag, inputQcTiming, producersOf } from "./availability";
import { parseDag } from "./features";
import { joinTasksToQc } from "./join";
import { readQcSources } from "./qcSource";
import { CRISPR_TRACE, NO_NFCORE, nfcoreRun } from "./testData";

const crispr = nfcoreRun("crispriscreen-cbbmlargelibrary");
const sarek = nfcoreRun("sarek-fuzzylife");

test("producers of a MultiQC module are found by name", () => {
  const steps = ["CUTADAPT", "FASTQC", "SUBREAD_FEATURECOUNTS", "GATK4_MARKDUPLICATES"];
  assert.deepEqual(producersOf("fastqc_raw", steps), ["FASTQC"]);
  assert.deepEqual(producersOf("featurecounts", steps), ["SUBREAD_FEATURECOUNTS"]);
  assert.deepEqual(producersOf("gatk4_markduplicates_mark_duplicates", steps), ["GATK4_MARKDUPLICATES"]);
  assert.deepEqual(producersOf("bcftools_stats", steps), []);
  assert.deepEqual(producersOf("samtools_flagstat", ["SAMTOOLS_VIEW", "FLAGSTAT_STATS", "SORTSAM"]), ["FLAGSTAT_STATS", "SAMTOOLS_VIEW"], "a tie keeps both (conservative)");
});

test("crispriscreen runs FastQC on trimmed reads (not submission QC); sarek's FastQC and fastp read the input", { skip: !(crispr && sarek) && NO_NFCORE }, async () => {
  const c = await joinTasksToQc(readTraces([join(crispr as string, CRISPR_TRACE)]), readQcSources([join(crispr as string, "multiqc/multiqc_data")]));
  const steps = [...new Set(c.tasks.map((t) => t.step))];
  const fq = inputQcTiming("fastqc", c.tasks, steps);
  assert.equal(fq.inputQc, false);
  assert.match(fq.why, /only after (TRIMGALORE|CUTADAPT) completed, in all 96 samples/);
  assert.equal(inputQcTiming("cutadapt", c.tasks, steps).inputQc, false);
  const s = await joinTasksToQc(readTraces(expandTracePaths([join(sarek as string, "pipeline_info")])), readQcSources([join(sarek as string, "multiqc/multiqc_data")]));
  const ss = [...new Set(s.tasks.map((t) => t.step))];
  assert.equal(inputQcTiming("fastqc_raw", s.tasks, ss).inputQc, true);
  assert.equal(inputQcTiming("fastp_read_preprocessing", s.tasks, ss).inputQc, true);
});

test("a declared graph the trace contradicts is refused; the crispriscreen graph holds", { skip: !crispr && NO_NFCORE }, async () => {
  const c = await joinTasksToQc(readTraces([join(crispr as string, CRISPR_TRACE)]), readQcSources([join(crispr as string, "multiqc/multiqc_data")]));
  const good = parseDag("CUTADAPT\tTRIMGALORE\nFASTQC\tCUTADAPT\nBOWTIE2_ALIGN\tCUTADAPT\nSUBREAD_FEATURECOUNTS\tBOWTIE2_ALIGN\n");
  assert.deepEqual([...(good.get("SUBREAD_FEATURECOUNTS") ?? [])].sort(), ["BOWTIE2_ALIGN", "CUTADAPT", "TRIMGALORE"], "ancestors are transitive");
  checkDag(good, c.tasks, "dag.tsv");
  assert.throws(() => checkDag(parseDag("BOWTIE2_ALIGN\tFASTQC\n"), c.tasks, "dag.tsv"), (e: Error) => e instanceof GwtInputError && /FASTQC/.test(e.message) && /dag\.tsv/.test(e.message));
});
