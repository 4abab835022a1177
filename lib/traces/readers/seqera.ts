import { parseTimestamp } from "../../util/units";
import { msToS } from "../../util/units";
import { makeRun } from "../build";
import type { TaskRun, TraceIssue, TraceReadResult } from "../schema";
import { jnum, jstr, obj, parseJsonFile, rawOfObject } from "./json";
import { type DetectPattern, type ReadOptions, type TraceReader, matchesPattern, nfcoreWorkflowFromProcess, shortProcessName } from "./types";

/**
 * Seqera Platform (Tower) run dumps: `workflow-tasks.json`, an array of task records (or the API's
 * `{tasks: [{task: {...}}]}`) with realtime/duration (ms), pcpu (%), cpus, memory, peakRss, rchar,
 * wchar (bytes), submit/start/complete (ISO), machineType, tag, status, exit, attempt, cost.
 * Workflow / run id: options (readTrace fills them from a sibling `workflow.json`), else the nf-core
 * process prefix and the `<runId>_run_dump` folder name.
 */
const pattern: DetectPattern = {
  format: "seqera",
  contents: [/"process"\s*:/, /"peakRss"\s*:/, /"realtime"\s*:/],
};

function detect(head: string, fileName: string): boolean {
  return matchesPattern(pattern, head, fileName);
}

function parse(text: string, file: string, options: ReadOptions = {}): TraceReadResult {
  const issues: TraceIssue[] = [];
  const doc = parseJsonFile(text, file);
  const list: unknown[] = Array.isArray(doc) ? doc : ((obj(doc)?.["tasks"] as unknown[]) ?? []);
  const runDir = /(?:^|[\\/])([A-Za-z0-9]+)_run_dump[\\/]/.exec(file)?.[1];
  const keep = options.keepRaw ?? true;
  const runs: TaskRun[] = [];
  list.forEach((item, i) => {
    const o = obj(item);
    const t = obj(o?.["task"]) ?? o;
    const process = jstr(t?.["process"]) ?? jstr(t?.["name"])?.replace(/\s*\(.*\)$/, "");
    if (!t || !process) {
      issues.push({ file, line: undefined, message: `task #${i + 1} has no process; skipped` });
      return;
    }
    const realtimeMs = jnum(t["realtime"]);
    runs.push(
      makeRun("seqera", shortProcessName(process), {
        workflow: options.workflow ?? nfcoreWorkflowFromProcess(process),
        workflowRunId: options.workflowRunId ?? runDir,
        sample: jstr(t["tag"]),
        status: jstr(t["status"]),
        exitCode: jnum(t["exitStatus"] ?? t["exit"], false),
        attempt: jnum(t["attempt"]),
        submitTime: parseTimestamp(jstr(t["submit"])),
        startTime: parseTimestamp(jstr(t["start"])),
        completeTime: parseTimestamp(jstr(t["complete"])),
        wallS: realtimeMs === undefined ? undefined : msToS(realtimeMs),
        cpuPercent: jnum(t["pcpu"]),
        cpusRequested: jnum(t["cpus"]),
        memoryRequestedBytes: jnum(t["memory"]),
        peakRssBytes: jnum(t["peakRss"]),
        readBytes: jnum(t["rchar"]),
        writeBytes: jnum(t["wchar"]),
        machine: jstr(t["machineType"]),
      }, keep ? rawOfObject(t, ["script", "env"]) : {}),
    );
  });
  return { file, format: "seqera", runs, issues, rowsSeen: list.length };
}

export const reader: TraceReader = { format: "seqera", description: "Seqera Platform run dump workflow-tasks.json", pattern, detect, parse };
