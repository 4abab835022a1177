import { parseBytesWdl, parseTimestamp, secondsBetween } from "../../util/units";
import { makeRun } from "../build";
import type { TaskRun, TraceIssue, TraceReadResult } from "../schema";
import { jnum, jstr, obj, parseJsonFile, rawOfObject } from "./json";
import { type DetectPattern, type ReadOptions, type TraceReader, matchesPattern } from "./types";

/**
 * Cromwell workflow metadata (`GET /api/workflows/v1/{id}/metadata`): `workflowName`, `id`, `calls`
 * mapping "wf.task" → one entry per shard × attempt, each with shardIndex, attempt, executionStatus,
 * backendStatus, start/end (ISO), returnCode, runtimeAttributes (cpu, memory in WDL units "14 GB" =
 * 14e9 bytes), executionEvents, jes.machineType (PAPI); `subWorkflowMetadata` is followed.
 * wallS: the `RunningJob` execution event when present, else end − start; a call without end stays missing.
 */
const pattern: DetectPattern = {
  format: "cromwell",
  contents: [/"calls"\s*:/, /"(workflowName|workflowRoot|executionStatus)"\s*:/],
};

function detect(head: string, fileName: string): boolean {
  return matchesPattern(pattern, head, fileName);
}

function runningS(call: Record<string, unknown>): number | undefined {
  for (const ev of (call["executionEvents"] as unknown[]) ?? []) {
    const e = obj(ev);
    if (jstr(e?.["description"]) === "RunningJob") return secondsBetween(parseTimestamp(jstr(e?.["startTime"])), parseTimestamp(jstr(e?.["endTime"])));
  }
  return undefined;
}

function walk(meta: Record<string, unknown>, file: string, options: ReadOptions, runs: TaskRun[], issues: TraceIssue[], counter: { n: number }, parentWorkflow?: string): void {
  const workflow = options.workflow ?? parentWorkflow ?? jstr(meta["workflowName"]);
  const runId = options.workflowRunId ?? jstr(meta["id"]);
  const calls = obj(meta["calls"]) ?? {};
  const keep = options.keepRaw ?? true;
  for (const [fq, entries] of Object.entries(calls)) {
    if (!Array.isArray(entries)) {
      issues.push({ file, line: undefined, message: `calls['${fq}'] is not a list; skipped` });
      continue;
    }
    for (const entry of entries) {
      const c = obj(entry);
      if (!c) continue;
      const sub = obj(c["subWorkflowMetadata"]);
      if (sub) {
        walk(sub, file, options, runs, issues, counter, workflow);
        continue;
      }
      counter.n++;
      const start = parseTimestamp(jstr(c["start"]));
      const end = parseTimestamp(jstr(c["end"]));
      const rt = obj(c["runtimeAttributes"]) ?? {};
      const shard = jnum(c["shardIndex"], false);
      const wall = end ? (runningS(c) ?? secondsBetween(start, end)) : undefined;
      runs.push(
        makeRun("cromwell", fq.split(".").pop() ?? fq, {
          workflow,
          workflowRunId: runId,
          sample: shard !== undefined && shard >= 0 ? `shard-${shard}` : undefined,
          status: jstr(c["executionStatus"]),
          exitCode: jnum(c["returnCode"], false),
          attempt: jnum(c["attempt"]),
          startTime: start,
          completeTime: end,
          wallS: wall,
          cpusRequested: jnum(rt["cpu"]),
          memoryRequestedBytes: parseBytesWdl(jstr(rt["memory"])),
          machine: jstr(obj(c["jes"])?.["machineType"]) ?? jstr(c["backend"]),
        }, keep ? { ...rawOfObject(c, ["inputs", "outputs", "executionEvents"]), call: fq } : {}),
      );
    }
  }
}

function parse(text: string, file: string, options: ReadOptions = {}): TraceReadResult {
  const issues: TraceIssue[] = [];
  const meta = obj(parseJsonFile(text, file));
  const runs: TaskRun[] = [];
  const counter = { n: 0 };
  if (!meta || !obj(meta["calls"])) issues.push({ file, line: undefined, message: "no 'calls' object: not Cromwell workflow metadata" });
  else walk(meta, file, options, runs, issues, counter);
  return { file, format: "cromwell", runs, issues, rowsSeen: counter.n };
}

export const reader: TraceReader = { format: "cromwell", description: "Cromwell workflow metadata JSON", pattern, detect, parse };
