import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { test } from "node:test";
import { expandTracePaths, galaxyToolFromFileName, readTrace, readTraces } from "./index";
import type { TaskRun } from "./schema";
import { datasetDir, NO_MIRROR } from "./testPaths";

// Expected counts were computed independently with Python's csv module / json (not with gwtime).
const sum = (rs: { runs: TaskRun[] }[]) => rs.reduce((s, r) => s + r.runs.length, 0);

test("galaxy: all 126 csv_dump files load, 162,755 jobs, no issues", { skip: NO_MIRROR }, () => {
  const paths = expandTracePaths([join(datasetDir("galaxy-main"), "csv_dump")]);
  assert.equal(paths.length, 126);
  let n = 0;
  let issues = 0;
  for (const p of paths) {
    const [r] = readTraces([p], { keepRaw: false });
    assert.equal(r?.format, "galaxy", p);
    n += r?.runs.length ?? 0;
    issues += r?.issues.length ?? 0;
    // tool id from the file name agrees with the rows' own tool_id
    const toolId = readFileSync(p, "utf8").split("\n", 2)[1] ?? "";
    const fromName = galaxyToolFromFileName(basename(p));
    assert.ok(fromName && toolId.includes(`repos/${fromName.tool}/${fromName.version}`), `${p}: ${JSON.stringify(fromName)}`);
  }
  assert.equal(n, 162755);
  assert.equal(issues, 0);
});

test("galaxy: bwa_mem 0.4.2 rows spot-checked against the file (sizes summed, missing stays missing)", { skip: NO_MIRROR }, () => {
  const r = readTrace(join(datasetDir("galaxy-main"), "csv_dump", "devteam_bwa_bwa_mem_0.4.2.csv"));
  assert.equal(r.runs.length, 3130);
  const first = r.runs[0] as TaskRun;
  assert.equal(first.task, "devteam/bwa/bwa_mem");
  assert.equal(first.toolVersion, "0.4.2");
  assert.equal(first.raw["id"], "15469932");
  assert.equal(first.wallS, 39);
  assert.equal(first.cpusRequested, 10);
  assert.equal(first.machine, "jetstream_iu_multi");
  assert.equal(first.raw["handler"], "main_w4_handler2");
  assert.deepEqual(first.inputBytesByName, { fastq_input1: 69415268, fastq_input2: 70176720 });
  assert.equal(first.inputBytes, 69415268 + 70176720);
  assert.equal(first.memoryRequestedBytes, undefined); // galaxy_memory_mb empty
  assert.equal(first.peakRssBytes, undefined);
  assert.equal(first.submitTime?.toISOString(), "2017-04-03T10:14:27.344Z");
  assert.equal(first.startTime?.getTime(), 1491216484 * 1000);
  assert.equal(first.completeTime?.getTime(), 1491216523 * 1000);
});

test("galaxy: file-name parsing handles underscores in repo and tool names", () => {
  assert.deepEqual(galaxyToolFromFileName("devteam_bwa_bwa_mem_0.4.2.csv"), { tool: "devteam/bwa/bwa_mem", version: "0.4.2" });
  assert.deepEqual(galaxyToolFromFileName("devteam_samtools_sort_samtools_sort_2.0.1.csv"), { tool: "devteam/samtools_sort/samtools_sort", version: "2.0.1" });
  assert.deepEqual(galaxyToolFromFileName("devteam_picard_PicardASMetrics_1.56.0.csv"), { tool: "devteam/picard/PicardASMetrics", version: "1.56.0" });
  assert.deepEqual(galaxyToolFromFileName("devteam_freebayes_freebayes_1.1.0.46-0.csv"), { tool: "devteam/freebayes/freebayes", version: "1.1.0.46-0" });
});

test("nextflow: the four sizey traces load (2938 + 1576 + 1661 + 1083 rows)", { skip: NO_MIRROR }, () => {
  const rs = readTraces(expandTracePaths([join(datasetDir("sizey"), "data")]));
  assert.deepEqual(rs.map((r) => [basename(r.file), r.format, r.runs.length]), [
    ["trace_chipseq.csv", "nextflow", 2938], ["trace_eager.csv", "nextflow", 1576], ["trace_iwd.csv", "nextflow", 1661], ["trace_methylseq.csv", "nextflow", 1083],
  ]);
  assert.equal(sum(rs), 7258);
  const chip = rs[0]?.runs[0] as TaskRun;
  assert.equal(chip.task, "SAMPLESHEET_CHECK");
  assert.equal(chip.workflow, "nf-core/chipseq");
  assert.equal(chip.sample, "chip_seq_data_small.csv");
  assert.equal(chip.wallS, 0); // realtime 0 ms is a recorded value, not missing
  assert.equal(chip.cpuPercent, 65.5);
  assert.equal(chip.peakRssBytes, 2813952);
  assert.equal(chip.memoryRequestedBytes, 1073741824);
  assert.equal(chip.machine, "cpu14");
  assert.equal(chip.submitTime?.getTime(), 1674490103249);
  // eager: one negative duration (line 1159), reported with its line, row kept
  assert.deepEqual(rs[1]?.issues.map((i) => i.line), [1159]);
  // methylseq: 72 FAILED tasks with '-' metrics stay undefined
  const failed = rs[3]?.runs.filter((r) => r.status === "FAILED") ?? [];
  assert.equal(failed.length, 72);
  assert.ok(failed.every((r) => r.peakRssBytes === undefined && r.cpuPercent === undefined && r.exitCode === 1));
});

test("lotaru: 35 execution reports, 10,157 task runs (3955 train-1, 4480 train-2, 1722 test)", { skip: NO_MIRROR }, () => {
  const rs = readTraces(expandTracePaths([join(datasetDir("lotaru"), "execution_reports")]));
  assert.equal(rs.length, 35);
  assert.ok(rs.every((r) => r.format === "lotaru" && r.issues.length === 0));
  const runs = rs.flatMap((r) => r.runs);
  assert.equal(runs.length, 10157);
  const byLabel: Record<string, number> = {};
  for (const r of runs) byLabel[r.raw["Label"] ?? ""] = (byLabel[r.raw["Label"] ?? ""] ?? 0) + 1;
  assert.deepEqual(byLabel, { "train-1": 3955, "train-2": 4480, test: 1722 });
  const eager = readTrace(join(datasetDir("lotaru"), "execution_reports", "asok01", "results_eager", "execution_report_asok01.csv")).runs[0] as TaskRun;
  assert.equal(eager.task, "fastqc");
  assert.equal(eager.workflow, "nf-core/eager");
  assert.equal(eager.machine, "asok01");
  assert.equal(eager.wallS, 120.859);
  assert.equal(eager.inputBytes, 442941088);
  assert.equal(eager.peakRssBytes, 350875648);
});

test("wfformat: 15 nf-core + 15 makeflow-bwa instances, 12,416 tasks", { skip: NO_MIRROR }, () => {
  const rs = readTraces(expandTracePaths([datasetDir("wfinstances")]));
  assert.equal(rs.length, 30);
  assert.ok(rs.every((r) => r.format === "wfformat" && r.issues.length === 0));
  assert.equal(sum(rs), 12416);
  const chip = readTrace(join(datasetDir("wfinstances"), "nextflow", "chipseq-dirt02-001.json")).runs;
  assert.equal(chip.length, 210);
  const c0 = chip[0] as TaskRun;
  assert.equal(c0.task, "SAMPLESHEET_CHECK");
  assert.equal(c0.workflow, "chipseq");
  assert.equal(c0.wallS, 1);
  assert.equal(c0.cpuPercent, 27.8);
  assert.equal(c0.readBytes, 681592);
  assert.equal(c0.peakRssBytes, 3592192);
  assert.equal(c0.inputBytes, 1518);
  assert.equal(c0.machine, "dirt02");
  const bwa = readTrace(join(datasetDir("wfinstances"), "makeflow", "bwa", "bwa-chameleon-small-001.json")).runs;
  assert.equal(bwa.length, 104);
  assert.equal(bwa[0]?.task, "fastq_reduce");
  assert.equal(bwa[0]?.wallS, 0.052203);
  assert.equal(bwa[0]?.machine, "worker-1.novalocal");
});

test("seqera: three sarek run dumps, 253 + 244 + 268 tasks; workflow/run id from workflow.json", { skip: NO_MIRROR }, () => {
  const dir = join(datasetDir("seqera-run-dumps"), "data", "modules", "seqera_cli");
  const rs = readTraces(["4zhpihU28oEzL0", "5KdB2n2FYMc6EK", "62gNSMVi07x9xx"].map((id) => join(dir, `${id}_run_dump`, "workflow-tasks.json")));
  assert.deepEqual(rs.map((r) => [r.format, r.runs.length]), [["seqera", 253], ["seqera", 244], ["seqera", 268]]);
  const t = rs[2]?.runs[0] as TaskRun;
  assert.equal(t.task, "CREATE_INTERVALS_BED");
  assert.equal(t.workflow, "nf-core/sarek");
  assert.equal(t.workflowRunId, "62gNSMVi07x9xx");
  assert.equal(t.machine, "c6i.4xlarge");
  assert.equal(t.wallS, 0);
  assert.equal(t.peakRssBytes, 2957312);
  assert.equal(t.raw["duration"], "875017");
  assert.equal(t.startTime?.toISOString(), "2023-10-13T17:45:11.000Z");
});

test("every dataset trace file is detected as its format; the other run-dump JSONs are not traces", { skip: NO_MIRROR }, () => {
  const root = datasetDir("seqera-run-dumps");
  const rs = readTraces(expandTracePaths([root]));
  const byFormat: Record<string, number> = {};
  for (const r of rs) byFormat[r.format] = (byFormat[r.format] ?? 0) + 1;
  assert.deepEqual(byFormat, { unknown: 15, seqera: 3 });
});
