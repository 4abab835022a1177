import assert from "node:assert/strict";
import { isUtf8 } from "node:buffer";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { projectRoot } from "../data/paths";
import { DETECTION_TABLE, detectFormat, parseDelimited, readTrace, readTraces, readerFor } from "./index";
import { isUtf8File } from "./encoding";
import { fileTextPieces, parseChunks, parseInChunks, parsePieces } from "./read";
import { HOSTILE_NEXTFLOW } from "./hostileFixtures";
import type { TaskRun } from "./schema";
import { fixture } from "./testPaths";

test("detection: one declarative table, every format recognised by content", () => {
  assert.equal(detectFormat("s\th:m:s\tmax_rss\tmax_vms\n", "x.tsv"), "snakemake");
  assert.equal(detectFormat("Label,Machine,Workflow,NumberSequences,Task,WorkflowInputSize,Realtime,%cpu,TaskInputSize\n", "r.csv"), "lotaru");
  assert.equal(detectFormat("chromInfo,create_time,destination_id,galaxy_slots,handler,tool_id,runtime\n", "a_b_c_1.0.csv"), "galaxy");
  assert.equal(detectFormat("task_id\thash\tprocess\ttag\tstatus\trealtime\n", "trace.txt"), "nextflow");
  assert.equal(detectFormat(readFileSync(fixture("cromwell-metadata.json"), "utf8"), "m.json"), "cromwell");
  assert.equal(detectFormat('[{"hash":"a","process":"P","realtime":1,"peakRss":2}]', "workflow-tasks.json"), "seqera");
  assert.equal(detectFormat('{"name":"x","schemaVersion":"1.5","workflow":{}}', "w.json"), "wfformat");
  assert.equal(detectFormat("a,b,c\n1,2,3\n", "x.csv"), undefined);
  assert.ok(DETECTION_TABLE.length >= 7);
  // overridable: a custom table
  assert.equal(detectFormat("a,b,c\n", "x.csv", [{ format: "generic", contents: [/^a,b,c/] }]), "generic");
});

test("csv: quoted fields with newlines keep the physical line numbers", () => {
  const recs = parseDelimited('a,b\n1,"x\ny"\n2,"he said ""hi"""\n\n3,z\n', ",");
  assert.deepEqual(recs, [
    { line: 1, fields: ["a", "b"] }, { line: 2, fields: ["1", "x\ny"] }, { line: 4, fields: ["2", 'he said "hi"'] }, { line: 6, fields: ["3", "z"] },
  ]);
});

test("nextflow: human-readable units, '-' missing, bad rows reported with line numbers", () => {
  const r = readTrace(fixture("nextflow-bad.tsv"));
  assert.equal(r.format, "nextflow");
  assert.equal(r.rowsSeen, 6);
  assert.equal(r.runs.length, 4); // line 4 short row, line 6 has no process
  const lines = (m: RegExp) => r.issues.filter((i) => m.test(i.message)).map((i) => i.line);
  assert.deepEqual(lines(/fields/), [4]);
  assert.deepEqual(lines(/no process/), [6]);
  assert.deepEqual(lines(/realtime/), [5]);
  assert.deepEqual(lines(/'duration'|'peak_rss'/), [5, 5]);
  const [a, b, c, d] = r.runs as [TaskRun, TaskRun, TaskRun, TaskRun];
  assert.equal(a.wallS, 3723); // "1h 2m 3s"
  assert.equal(a.cpuPercent, 180.5);
  assert.equal(a.memoryRequestedBytes, 8 * 1024 ** 3);
  assert.equal(a.peakRssBytes, 1.5 * 1024 ** 3);
  assert.equal(a.readBytes, 2 * 1024 ** 3);
  assert.equal(a.submitTime?.toISOString(), "2024-01-02T03:04:05.678Z");
  for (const k of ["wallS", "cpuPercent", "peakRssBytes", "readBytes", "writeBytes", "submitTime"] as const) assert.equal(b[k], undefined, k);
  assert.equal(c.wallS, undefined); // "soon"
  assert.equal(c.peakRssBytes, undefined); // -12
  assert.equal(c.writeBytes, 0); // a real 0 stays 0
  assert.equal(d.wallS, 0.12); // "120ms"
  assert.equal(d.cpuPercent, 12.5);
});

test("a broken file never kills a batch: per-file results, the bad one with a file-level issue", () => {
  const rs = readTraces([fixture("snakemake-benchmark.tsv"), fixture("broken.json"), "/nonexistent/trace.tsv", fixture("cromwell-metadata.json")]);
  assert.deepEqual(rs.map((r) => [r.format, r.runs.length]), [["snakemake", 3], ["unknown", 0], ["unknown", 0], ["cromwell", 6]]);
  assert.equal(rs[1]?.issues.length, 1);
  assert.match(rs[1]?.issues[0]?.message ?? "", /not a known trace format/);
  // forcing the format turns it into a JSON error naming the file
  const forced = readTraces([fixture("broken.json")], { format: "cromwell" });
  assert.match(forced[0]?.issues[0]?.message ?? "", /broken\.json.*not valid JSON/);
});

test("snakemake benchmark: s, h:m:s, MiB memory, repeats, NA missing", () => {
  const r = readTrace(fixture("snakemake-benchmark.tsv"), { task: "bwa_mem", sample: "S1" });
  assert.equal(r.runs.length, 3);
  const [a, , c] = r.runs as [TaskRun, TaskRun, TaskRun];
  assert.equal(a.task, "bwa_mem");
  assert.equal(a.sample, "S1");
  assert.equal(a.wallS, 3723);
  assert.equal(a.peakRssBytes, 512.25 * 1024 * 1024);
  assert.equal(a.readBytes, 100 * 1024 * 1024);
  assert.equal(a.cpuS, 6700);
  assert.equal(a.cpuPercent, 180.5);
  assert.deepEqual([a.raw["repeat"], c.raw["repeat"]], ["1", "3"]);
  assert.equal(c.wallS, 61);
  assert.equal(c.peakRssBytes, undefined);
  assert.equal(c.cpuS, undefined);
  assert.equal(r.issues.length, 0);
});

test("cromwell (hand-written fixture from the docs): attempts, shards, WDL memory units, RunningJob wall time", () => {
  const r = readTrace(fixture("cromwell-metadata.json"));
  assert.equal(r.format, "cromwell");
  assert.equal(r.runs.length, 6);
  const [p1, p2, s1, hc, rep, fq] = r.runs as TaskRun[] as [TaskRun, TaskRun, TaskRun, TaskRun, TaskRun, TaskRun];
  assert.equal(p1.task, "BwaMem");
  assert.equal(p1.workflow, "germline");
  assert.equal(p1.workflowRunId, "0f00b1c2-3d4e-4f50-8a6b-7c8d9e0f1a2b");
  assert.equal(p1.attempt, 1);
  assert.equal(p1.raw["backendStatus"], "Preempted");
  assert.equal(p1.wallS, 18 * 60); // RunningJob event
  assert.equal(p1.exitCode, undefined); // returnCode null
  assert.equal(p1.memoryRequestedBytes, 14e9); // WDL GB is decimal
  assert.equal(p1.cpusRequested, 8);
  assert.equal(p1.machine, "custom-8-14336");
  assert.equal(p1.sample, "shard-0");
  assert.equal(p2.attempt, 2);
  assert.equal(p2.exitCode, 0);
  assert.equal(s1.wallS, 44 * 60 + 50.5); // no events: end - start
  assert.equal(s1.memoryRequestedBytes, 7.5 * 1024 ** 3);
  assert.equal(hc.exitCode, 137);
  assert.equal(hc.status, "Failed");
  assert.equal(hc.memoryRequestedBytes, 16e9);
  assert.equal(rep.wallS, undefined); // still running: no end
  assert.equal(fq.task, "FastQC");
  assert.equal(fq.workflowRunId, "sub-0001");
});

test("generic reader: declared column mapping with units", () => {
  const r = readerFor("generic").parse("job,elapsed_ms,maxrss_kb,host\nalign,61500,2048,n1\n,5,5,n2\nsort,-,x,n3\n", "jobs.csv", {
    mapping: { task: "job", wallS: { column: "elapsed_ms", unit: "ms" }, peakRssBytes: { column: "maxrss_kb", unit: "KiB" }, machine: "host" },
  });
  assert.equal(r.runs.length, 2);
  assert.equal(r.rowsSeen, 3);
  assert.deepEqual([r.runs[0]?.wallS, r.runs[0]?.peakRssBytes, r.runs[0]?.machine], [61.5, 2048 * 1024, "n1"]);
  assert.equal(r.runs[1]?.wallS, undefined);
  assert.deepEqual(r.issues.map((i) => i.line), [3, 4]);
  assert.throws(() => readerFor("generic").parse("a\n1\n", "x.csv", {}), /mapping/);
});

test("parsers are pure: same output twice, input untouched", () => {
  const text = readFileSync(fixture("nextflow-bad.tsv"), "utf8");
  const copy = text.slice();
  const a = readerFor("nextflow").parse(text, "t.tsv");
  const b = readerFor("nextflow").parse(text, "t.tsv");
  assert.deepEqual(a, b);
  assert.equal(text, copy);
});

test("harness trace.tsv and Snakemake benchmarks (when the harness has produced them)", (t) => {
  const trace = join(projectRoot(), "data", "harness", "trace.tsv");
  if (!existsSync(trace)) {
    t.skip("data/harness/trace.tsv not produced yet");
    return;
  }
  const r = readTrace(trace);
  assert.equal(r.format, "nextflow");
  const dataLines = readFileSync(trace, "utf8").split("\n").filter((l) => l.trim() !== "").length - 1;
  assert.equal(r.rowsSeen, dataLines);
  assert.equal(r.runs.length + r.issues.filter((i) => /skipped/.test(i.message)).length, dataLines);
  // extras kept in raw; user_s + sys_s → cpuS; tool_version, input_bytes, host mapped
  const x = r.runs.find((y) => y.raw["user_s"] !== undefined && y.raw["sys_s"] !== undefined);
  if (x) {
    assert.equal(x.cpuS, Number(x.raw["user_s"]) + Number(x.raw["sys_s"]));
    assert.equal(x.toolVersion, x.raw["tool_version"]);
    assert.equal(x.inputBytes, Number(x.raw["input_bytes"]));
    assert.equal(x.wallS, Number(x.raw["realtime"]) / 1000);
    assert.equal(x.machine, x.raw["host"]);
    assert.ok(x.raw["load1_start"] !== undefined && x.raw["threads"] !== undefined);
  }
  const runsDir = join(projectRoot(), "data", "harness", "runs");
  if (existsSync(runsDir)) {
    for (const run of readdirSync(runsDir)) {
      const bdir = join(runsDir, run, "benchmarks");
      if (!existsSync(bdir)) continue;
      for (const f of readdirSync(bdir)) {
        const b = readTrace(join(bdir, f));
        assert.equal(b.format, "snakemake", f);
        assert.ok(b.runs.length >= 1);
        assert.equal(b.runs[0]?.sample, run);
        assert.equal(b.runs[0]?.task, f.replace(/\.tsv$/, ""));
      }
    }
  }
});

test("parseInChunks: a trace parsed a chunk of rows at a time gives the same runs and issues (file line numbers) as one parse", () => {
  const nf = readerFor("nextflow");
  const files = [fixture("nextflow-bad.tsv"), join(projectRoot(), "data", "harness", "trace.tsv")].filter((f) => existsSync(f));
  assert.ok(files.length >= 1);
  for (const f of files) {
    const text = readFileSync(f, "utf8");
    const whole = nf.parse(text, f);
    for (const size of [1, 200, 5000]) assert.deepEqual(parseInChunks(text, f, (t) => nf.parse(t, f), size), whole, `${f}, chunks of ${size} characters`);
  }
  // a quoted field spanning lines is never cut (chunk ends only outside quotes)
  const q = 'name\trealtime\tstatus\n"A (s1)"\t1s\tCOMPLETED\n"B\n(s2)"\t2s\tCOMPLETED\nC (s3)\tsoon\tCOMPLETED\n';
  const one = nf.parse(q, "q.tsv");
  assert.deepEqual(parseInChunks(q, "q.tsv", (t) => nf.parse(t, "q.tsv"), 1), one);
  assert.deepEqual(one.issues.map((i) => i.line), [5], "the bad cell's line in the file");
});

test("a trace file read a block at a time: the same text, UTF-8 verdict and chunks as the whole file read at once", () => {
  const nf = readerFor("nextflow");
  const dir = mkdtempSync(join(tmpdir(), "gwt-blocks-"));
  try {
    const made: Array<[string, Buffer]> = [
      ["hostile.tsv", HOSTILE_NEXTFLOW], // Latin-1 bytes: U+FFFD, not UTF-8
      ["bom-crlf.tsv", Buffer.from("\ufeffname\trealtime\tstatus\r\nA (s1)\t1s\tCOMPLETED\r\n\"B\r\n(s2)\"\t2s\tCOMPLETED\r\nC (s\u00e9)\t3s\tCOMPLETED")], // no final line end
      ["one-line.tsv", Buffer.from("name\trealtime\tstatus")],
      ["split-utf8.tsv", Buffer.from("name\trealtime\tstatus\n" + "\u00e9\u4e2d\ud83d\ude00 (s\u00e9)\t1s\tCOMPLETED\n".repeat(20))],
      ["empty.tsv", Buffer.alloc(0)],
    ];
    for (const [name, bytes] of made) writeFileSync(join(dir, name), bytes);
    const files = [...made.map(([n]) => join(dir, n)), fixture("nextflow-bad.tsv"), join(projectRoot(), "data", "harness", "trace.tsv")].filter((f) => existsSync(f));
    for (const f of files) {
      const bytes = readFileSync(f);
      const text = bytes.toString("utf8");
      assert.equal(isUtf8File(f), isUtf8(bytes), f);
      for (const block of bytes.length < 10_000 ? [1, 3, 64, 1 << 20] : [4096, 1 << 20]) {
        assert.equal([...fileTextPieces(f, block)].join(""), text, `${f}, blocks of ${block} bytes`);
        for (const size of [1, 200, 5000]) {
          const parse = (t: string) => nf.parse(t, f);
          assert.deepEqual([...parsePieces(fileTextPieces(f, block), f, parse, size)], [...parseChunks(text, f, parse, size)], `${f}, blocks of ${block} bytes, chunks of ${size} characters`);
        }
      }
    }
    assert.equal(isUtf8File(join(dir, "hostile.tsv")), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
