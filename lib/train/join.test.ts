import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expandTracePaths, readTraces } from "../traces/read";
import { GwtInputError } from "../util/errors";
import { joinTasksToQc } from "./join";
import { readQcSources } from "./qcSource";
import { readSampleMap } from "./train";
import { stepTable } from "./features";
import { CRISPR_TRACE, NO_NFCORE, harness, nfcoreRun, trainFixture } from "./testData";

const crispr = nfcoreRun("crispriscreen-cbbmlargelibrary");
const sarek = nfcoreRun("sarek-fuzzylife");

test("crispriscreen (real nf-core run): 472 of 478 usable tasks join to the 96 MultiQC samples; the rest are listed with reasons", { skip: !crispr && NO_NFCORE }, async () => {
  const d = crispr as string;
  const j = await joinTasksToQc(readTraces([join(d, CRISPR_TRACE)]), readQcSources([join(d, "multiqc/multiqc_data")]), { target: "cpu" });
  const r = j.report;
  assert.equal(r.tasksRead, 486);
  assert.equal(r.excluded["no positive CPU time"]?.n, 8, "FEATURECOUNTS tasks with realtime 0 are counted, not dropped silently");
  assert.equal(r.tasksUsable, 478);
  assert.equal(r.tasksJoined, 472);
  assert.equal(r.samplesJoined, 96);
  assert.equal(r.notJoined["its sample name matches no QC sample"]?.n, 5, "BOWTIE2_BUILD, PREPARE_LIBRARY, PREPARE_COUNTS, FITNESS, RMARKDOWNNOTEBOOK");
  assert.equal(r.notJoined["no sample name in the task (no tag, no '(TAG)', no wildcard in the file name)"]?.n, 1, "MULTIQC");
  assert.equal(r.samplesWithQcNoTasks.n, 0);
  assert.equal(r.cpuFromPercent, 478, "no user/sys columns: CPU = %cpu x realtime, said in the report");
  assert.deepEqual(r.perStep.filter((p) => p.joined > 0).map((p) => p.step), ["BOWTIE2_ALIGN", "CUTADAPT", "FASTQC", "SUBREAD_FEATURECOUNTS", "TRIMGALORE"]);
});

test("sarek (real, resumed): cached rows excluded with counts, FastQC _1/_2 mates averaged, .md rows joined", { skip: !sarek && NO_NFCORE }, async () => {
  const d = sarek as string;
  const j = await joinTasksToQc(readTraces(expandTracePaths([join(d, "pipeline_info")])), readQcSources([join(d, "multiqc/multiqc_data")]), { target: "cpu" });
  const r = j.report;
  assert.equal(r.tasksRead, 1764);
  assert.equal(r.excluded["cached (timed in an earlier run)"]?.n, 1174);
  assert.equal(r.tasksJoined, 528);
  assert.equal(r.samplesJoined, 6);
  assert.equal(r.qcRowsWithoutTasks.n, 0, "every QC row (mates, .md, .haplotypecaller.filtered) found its sample");
  assert.ok((r.qcRules["mate suffix"] ?? 0) >= 12);
  const h = j.samples.get("HBRRep1");
  assert.ok(h);
  assert.ok(Math.abs((h.values["fastqc_raw-percent_duplicates"] as number) - (42.68581693668773 + 43.55955503453627) / 2) < 1e-9);
  assert.equal(h.values["samtools_stats.raw_total_sequences"] ?? h.values["multiqc_samtools_stats.raw_total_sequences"], 235048);
  assert.equal(r.scattered["BWAMEM1_MEM"], 6, "12 BWA chunks per sample are summed into one run per sample");
});

test("harness trace + folder-per-sample QC: every usable task of the given runs joins; loaded runs excluded with a count", async () => {
  const h = harness(40);
  const traces = readTraces([h.trace]);
  const j = await joinTasksToQc(traces, readQcSources(h.runDirs), { target: "cpu", map: readSampleMap(h.design) });
  const r = j.report;
  assert.ok((r.excluded["co-located load run (harness load study)"]?.n ?? 0) > 0, "r0036.. are co-located-load runs (trace column load_label)");
  assert.equal(r.samplesJoined + r.samplesWithQcNoTasks.n, 40, "every QC folder is either joined or listed");
  assert.ok(r.samplesWithQcNoTasks.examples.includes("r0036"));
  assert.ok(r.notJoined["its sample name matches no QC sample"], "runs whose QC was not given are listed, not dropped silently");
  assert.ok(j.tasks.every((t) => /^r00[0-4]\d$/.test(t.sample)));
  assert.equal(new Set(j.tasks.map((t) => t.group)).size < r.samplesJoined, true, "design.tsv config_id groups repeated inputs");
});

test("Snakemake benchmark files named by wildcard ({sample}.rule.tsv and rule/{sample}.tsv) join to the harness QC", async () => {
  const h = harness(4);
  const dir = mkdtempSync(join(tmpdir(), "gwt-train-smk-"));
  try {
    const ids = h.runDirs.map((d) => d.split("/").pop() as string);
    ids.forEach((id, i) => {
      const src = join(h.dir, "runs", id, "benchmarks");
      if (i % 2 === 0) copyFileSync(join(src, "bwa_mem.tsv"), join(dir, `${id}.bwa_mem.tsv`));
      else {
        mkdirSync(join(dir, "bwa_mem"), { recursive: true });
        copyFileSync(join(src, "bwa_mem.tsv"), join(dir, "bwa_mem", `${id}.tsv`));
      }
    });
    const j = await joinTasksToQc(readTraces(expandTracePaths([dir])), readQcSources(h.runDirs), { target: "cpu" });
    assert.equal(j.report.tasksJoined, 4);
    assert.deepEqual([...new Set(j.tasks.map((t) => t.step))], ["bwa_mem"]);
    assert.deepEqual(j.tasks.map((t) => t.sample).sort(), ids);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A small Nextflow trace and MultiQC general-stats folders in a temp dir. */
function synthetic(rows: string[], stats: Record<string, string[]>): { dir: string; trace: string; qc: string[] } {
  const dir = mkdtempSync(join(tmpdir(), "gwt-train-join-"));
  const trace = join(dir, "trace.txt");
  writeFileSync(trace, ["task_id\thash\tname\tstatus\texit\tsubmit\tduration\trealtime\t%cpu", ...rows].join("\n") + "\n");
  const qc = Object.entries(stats).map(([name, lines]) => {
    const d = join(dir, name, "multiqc_data");
    mkdirSync(d, { recursive: true });
    writeFileSync(join(d, "multiqc_general_stats.txt"), ["Sample\tfastqc-total_sequences\tfastqc-percent_gc", ...lines].join("\n") + "\n");
    return d;
  });
  return { dir, trace, qc };
}

test("retries keep the successful attempt and are counted; failed tasks are counted", async () => {
  const s = synthetic(
    [
      "1\taa/1\tP:ALIGN (S1)\tFAILED\t137\t2024-01-01 10:00:00.000\t10s\t9s\t100%",
      "2\taa/2\tP:ALIGN (S1)\tCOMPLETED\t0\t2024-01-01 10:01:00.000\t20s\t19s\t100%",
      "3\taa/3\tP:ALIGN (S2)\tFAILED\t1\t2024-01-01 10:00:00.000\t5s\t4s\t100%",
      "4\taa/4\tP:ALIGN (S3)\tCOMPLETED\t0\t2024-01-01 10:00:00.000\t30s\t29s\t200%",
    ],
    { a: ["S1\t1.0\t40", "S2\t2.0\t41", "S3\t3.0\t42"] },
  );
  try {
    const j = await joinTasksToQc(readTraces([s.trace]), readQcSources(s.qc), { target: "cpu" });
    assert.equal(j.report.excluded["retried: failed attempt (the successful attempt is kept)"]?.n, 1);
    assert.equal(j.report.excluded["failed (never completed)"]?.n, 1);
    assert.deepEqual(j.tasks.map((t) => [t.sample, t.timeS]).sort(), [["S1", 19], ["S3", 58]]);
    assert.equal(j.report.samplesWithQcNoTasks.n, 1, "S2 has QC but its only task failed");
  } finally {
    rmSync(s.dir, { recursive: true, force: true });
  }
});

test("one sample with different QC values in two files is an error naming both files", async () => {
  const s = synthetic(["1\taa/1\tP:ALIGN (S1)\tCOMPLETED\t0\t2024-01-01 10:00:00.000\t20s\t19s\t100%"], { a: ["S1\t1.0\t40"], b: ["S1\t1.0\t45"] });
  try {
    await assert.rejects(joinTasksToQc(readTraces([s.trace]), readQcSources(s.qc)), (e: Error) => {
      assert.ok(e instanceof GwtInputError);
      assert.match(e.message, /S1/);
      assert.match(e.message, /a[\\/]multiqc_data[\\/]multiqc_general_stats\.txt/);
      assert.match(e.message, /b[\\/]multiqc_data[\\/]multiqc_general_stats\.txt/);
      return true;
    });
  } finally {
    rmSync(s.dir, { recursive: true, force: true });
  }
});

test("no joinable task: a clear error with task names and QC sample names side by side", async () => {
  const s = synthetic(["1\taa/1\tP:ALIGN (sampleA)\tCOMPLETED\t0\t2024-01-01 10:00:00.000\t20s\t19s\t100%"], { a: ["S1\t1.0\t40", "S2\t2.0\t41"] });
  try {
    await assert.rejects(joinTasksToQc(readTraces([s.trace]), readQcSources(s.qc)), (e: Error) => {
      assert.match(e.message, /no task could be joined/);
      assert.match(e.message, /P:ALIGN \(sampleA\)\s+S1/);
      assert.match(e.message, /--samples/);
      return true;
    });
    // ... and an explicit map joins it
    const map = join(s.dir, "map.tsv");
    writeFileSync(map, "trace_name\tsample\nsampleA\tS2\n");
    const j = await joinTasksToQc(readTraces([s.trace]), readQcSources(s.qc), { map: readSampleMap(map) });
    assert.deepEqual(j.tasks.map((t) => t.sample), ["S2"]);
  } finally {
    rmSync(s.dir, { recursive: true, force: true });
  }
});

test("the harness re-expressed as an nf-core run (nf-core names, no tag column, multiqc_data from real MultiQC 1.35): every task joins", async () => {
  const f = trainFixture("harness-nfcore");
  const j = await joinTasksToQc(readTraces([join(f, "trace.txt")]), readQcSources([join(f, "multiqc_data")]), { target: "cpu" });
  const r = j.report;
  assert.equal(r.tasksRead, 390);
  assert.equal(r.tasksJoined, 390);
  assert.equal(r.samplesJoined, 30);
  assert.equal(r.qcRowsWithoutTasks.n, 0, "r0001_1/_2 (FastQC mates), r0001.insert_size_metrics, r0001.wgs_metrics all find r0001");
  assert.deepEqual(r.taskRules, { "task name (TAG)": 390 });
  assert.equal(r.cpuFromPercent, 390, "a plain Nextflow trace has no user/sys seconds");
  // FastQC numbers of both mates averaged: the harness QC parsers read the same 200000 pairs for r0001
  assert.equal(j.samples.get("r0001")?.values["multiqc_fastqc.Total_Sequences"], 200000);
  const { table } = stepTable("BWA_MEM", j.tasks, j.samples, { moment: "submission" });
  assert.ok(table.specs.length > 0 && table.specs.every((s) => /^(multiqc_)?fast(qc|p)/.test(s.name)), table.specs.map((s) => s.name).join(", "));
});
