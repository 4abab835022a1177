import { parseTimestamp } from "../../util/units";
import { makeRun } from "../build";
import type { TaskRun, TraceIssue, TraceReadResult } from "../schema";
import { jnum, jstr, obj, parseJsonFile, rawOfObject } from "./json";
import { type DetectPattern, type ReadOptions, type TraceReader, matchesPattern } from "./types";

/**
 * WfFormat JSON (WfCommons instances, schema 1.5): `workflow.specification.tasks` (name, id,
 * inputFiles) + `specification.files` (id, sizeInBytes) + `workflow.execution.tasks` (id,
 * runtimeInSeconds, coreCount, avgCPU %, readBytes, writtenBytes, memoryInBytes = peak RSS, machines).
 * Older instances (≤1.4: `workflow.tasks` / `workflow.jobs` with `runtime` / `runtimeInSeconds` and
 * `files[].link`) are read too. Task: the spec name's last `.` segment (Nextflow process) or the
 * Makeflow/Pegasus name without its `_ID000001` suffix.
 */
const pattern: DetectPattern = {
  format: "wfformat",
  contents: [/"schemaVersion"\s*:/, /"workflow"\s*:/],
};

function detect(head: string, fileName: string): boolean {
  return matchesPattern(pattern, head, fileName);
}

/** "NFCORE_X.X.BWA_MEM" → "BWA_MEM"; "bwa_ID000003" → "bwa". */
export function wfTaskName(name: string): string {
  const noId = name.replace(/_ID\d+$/, "");
  const parts = noId.split(".");
  return parts[parts.length - 1] ?? noId;
}

function parse(text: string, file: string, options: ReadOptions = {}): TraceReadResult {
  const issues: TraceIssue[] = [];
  const doc = obj(parseJsonFile(text, file)) ?? {};
  const wf = obj(doc["workflow"]) ?? {};
  const spec = obj(wf["specification"]);
  const exec = obj(wf["execution"]);
  const keep = options.keepRaw ?? true;
  const runs: TaskRun[] = [];
  const workflow = options.workflow ?? jstr(doc["name"]);
  const runId = options.workflowRunId ?? jstr(wf["runName"]) ?? (file.split(/[\\/]/).pop() ?? file).replace(/\.json$/, "");
  const machinesList = (exec?.["machines"] ?? wf["machines"]) as unknown;
  const singleMachine = Array.isArray(machinesList) && machinesList.length === 1 ? jstr(obj(machinesList[0])?.["nodeName"]) : undefined;
  let rowsSeen = 0;

  if (spec && exec) {
    const sizes = new Map<string, number>();
    for (const fl of (spec["files"] as unknown[]) ?? []) {
      const o = obj(fl);
      const id = jstr(o?.["id"]);
      const size = jnum(o?.["sizeInBytes"]);
      if (id !== undefined && size !== undefined) sizes.set(id, size);
    }
    const specById = new Map<string, Record<string, unknown>>();
    for (const t of (spec["tasks"] as unknown[]) ?? []) {
      const o = obj(t);
      const id = jstr(o?.["id"]);
      if (o && id) specById.set(id, o);
    }
    const tasks = (exec["tasks"] as unknown[]) ?? [];
    tasks.forEach((t, i) => {
      rowsSeen++;
      const e = obj(t);
      const id = jstr(e?.["id"]);
      const s = id ? specById.get(id) : undefined;
      const name = jstr(s?.["name"]) ?? id;
      if (!e || !name) {
        issues.push({ file, line: undefined, message: `execution task #${i + 1} has no id/name; skipped` });
        return;
      }
      let total: number | undefined;
      let byName: Record<string, number> | undefined;
      for (const inp of (s?.["inputFiles"] as unknown[]) ?? []) {
        const fid = jstr(inp);
        const size = fid === undefined ? undefined : sizes.get(fid);
        if (fid === undefined || size === undefined) continue;
        total = (total ?? 0) + size;
        (byName ??= {})[fid] = size;
      }
      const machines = e["machines"];
      runs.push(
        makeRun("wfformat", wfTaskName(name), {
          workflow,
          workflowRunId: runId,
          wallS: jnum(e["runtimeInSeconds"]),
          cpuPercent: jnum(e["avgCPU"]),
          cpusRequested: jnum(e["coreCount"]),
          peakRssBytes: jnum(e["memoryInBytes"]),
          readBytes: jnum(e["readBytes"]),
          writeBytes: jnum(e["writtenBytes"]),
          inputBytes: total,
          inputBytesByName: byName,
          startTime: parseTimestamp(jstr(e["executedAt"])),
          machine: (Array.isArray(machines) ? jstr(machines[0]) : undefined) ?? singleMachine,
        }, keep ? { ...rawOfObject(e, ["command"]), name } : {}),
      );
    });
  } else {
    // WfFormat <= 1.4: tasks (or jobs) carry runtime and files with link input/output.
    const tasks = ((wf["tasks"] ?? wf["jobs"]) as unknown[]) ?? [];
    tasks.forEach((t, i) => {
      rowsSeen++;
      const e = obj(t);
      const name = jstr(e?.["name"]) ?? jstr(e?.["id"]);
      if (!e || !name) {
        issues.push({ file, line: undefined, message: `task #${i + 1} has no name; skipped` });
        return;
      }
      let total: number | undefined;
      let byName: Record<string, number> | undefined;
      for (const fl of (e["files"] as unknown[]) ?? []) {
        const o = obj(fl);
        const size = jnum(o?.["sizeInBytes"] ?? o?.["size"]);
        const fid = jstr(o?.["name"]) ?? jstr(o?.["id"]);
        if (jstr(o?.["link"]) !== "input" || size === undefined || fid === undefined) continue;
        total = (total ?? 0) + size;
        (byName ??= {})[fid] = size;
      }
      runs.push(
        makeRun("wfformat", wfTaskName(name), {
          workflow,
          workflowRunId: runId,
          wallS: jnum(e["runtimeInSeconds"] ?? e["runtime"]),
          cpuPercent: jnum(e["avgCPU"]),
          cpusRequested: jnum(e["cores"] ?? e["coreCount"]),
          peakRssBytes: jnum(e["memoryInBytes"] ?? e["memory"]),
          readBytes: jnum(e["readBytes"] ?? e["bytesRead"]),
          writeBytes: jnum(e["writtenBytes"] ?? e["bytesWritten"]),
          inputBytes: total,
          inputBytesByName: byName,
          machine: jstr(e["machine"]) ?? singleMachine,
        }, keep ? rawOfObject(e, ["command", "files"]) : {}),
      );
    });
  }
  if (rowsSeen === 0) issues.push({ file, line: undefined, message: "no execution tasks in this WfFormat instance" });
  return { file, format: "wfformat", runs, issues, rowsSeen };
}

export const reader: TraceReader = { format: "wfformat", description: "WfFormat (WfCommons) JSON instance", pattern, detect, parse };
