/**
 * Tasks of a trace joined to the QC of the sample each ran on, with a report of everything that did
 * not join and why (nothing is dropped silently). Key matching runs in DuckDB (./resolveKeys.ts).
 */
import type { TaskRun, TraceReadResult } from "../traces/schema";
import { GwtInputError } from "../util/errors";
import { parseDurationS } from "../util/units";
import type { QcRow, QcSource } from "./qcSource";
import { resolveKeys } from "./resolveKeys";
import { qcCandidates, taskCandidates } from "./sampleNames";

/** What the model learns: CPU time (user + sys) or wall time of the task. */
export type Target = "cpu" | "wall";

/** An explicit sample map (`--samples map.tsv`): trace name → QC sample name, and CV groups. */
export interface SampleMap {
  readonly file: string;
  /** Task-side name (tag) → QC sample name. */
  readonly toSample: ReadonlyMap<string, string>;
  /** QC sample name → group (runs of one group had identical input). */
  readonly group: ReadonlyMap<string, string>;
  /** QC sample name → why its tasks are left out (e.g. the harness's `load_label` other than none). */
  readonly exclude?: ReadonlyMap<string, string>;
}

/** One step of one sample, after excluding, deduplicating and summing scattered chunks. */
export interface JoinedTask {
  readonly step: string;
  readonly sample: string;
  readonly group: string;
  /** Target seconds, summed over the step's completed tasks for this sample (scatter chunks). */
  readonly timeS: number;
  readonly chunks: number;
  readonly submitMs: number | undefined;
  /** Latest completion over the chunks (complete time, else submit + duration). */
  readonly completeMs: number | undefined;
}

/** The merged QC of one sample: numbers and the file each came from. */
export interface SampleQc {
  readonly values: Record<string, number>;
  readonly files: Record<string, string>;
}

/** Counts with a few example names (shown side by side in the report). */
export interface Counted {
  readonly n: number;
  readonly examples: string[];
}

export interface JoinReport {
  readonly target: Target;
  readonly tasksRead: number;
  /** Reasons a task row was not used before the join (cached, failed, retried, duplicate, no time...). */
  readonly excluded: Record<string, Counted>;
  readonly tasksUsable: number;
  readonly tasksJoined: number;
  readonly joinRate: number;
  /** Reasons a usable task did not join, with example task names and (side by side) QC sample names. */
  readonly notJoined: Record<string, Counted>;
  readonly qcSampleExamples: string[];
  /** How QC rows' names were matched to task samples (rule → count). */
  readonly qcRules: Record<string, number>;
  /** How task names gave their sample (rule → count). */
  readonly taskRules: Record<string, number>;
  readonly qcRows: number;
  readonly qcRowsWithoutTasks: Counted;
  readonly samplesJoined: number;
  readonly samplesWithQcNoTasks: Counted;
  readonly samplesWithTasksNoQc: Counted;
  /** Steps whose tasks were scattered (several completed tasks per sample, times summed). */
  readonly scattered: Record<string, number>;
  /** Per step: usable tasks and joined tasks. */
  readonly perStep: Array<{ step: string; usable: number; joined: number; samples: number }>;
  /** Target seconds estimated as %cpu x realtime (the trace has no CPU seconds). */
  readonly cpuFromPercent: number;
}

export interface JoinResult {
  readonly tasks: JoinedTask[];
  readonly samples: ReadonlyMap<string, SampleQc>;
  readonly report: JoinReport;
}

const EXAMPLES = 5;

class Tally {
  readonly m = new Map<string, { n: number; examples: string[] }>();
  add(reason: string, example: string): void {
    const e = this.m.get(reason) ?? { n: 0, examples: [] };
    e.n++;
    const ex = example.length > 100 ? `${example.slice(0, 97)}...` : example;
    if (e.examples.length < EXAMPLES && !e.examples.includes(ex)) e.examples.push(ex);
    this.m.set(reason, e);
  }
  toJSON(): Record<string, Counted> {
    return Object.fromEntries([...this.m.entries()].sort((a, b) => b[1].n - a[1].n));
  }
}

const nameOf = (r: TaskRun): string => r.raw["name"] ?? (r.sample ? `${r.task} (${r.sample})` : r.task);

/** CPU seconds of a task: user + sys when recorded, else Nextflow's %cpu x realtime. */
function targetOf(r: TaskRun, target: Target): { s: number | undefined; fromPercent: boolean } {
  if (target === "wall") return { s: r.wallS, fromPercent: false };
  if (r.cpuS !== undefined) return { s: r.cpuS, fromPercent: false };
  if (r.cpuPercent !== undefined && r.wallS !== undefined) return { s: (r.cpuPercent / 100) * r.wallS, fromPercent: true };
  return { s: undefined, fromPercent: false };
}

const statusOf = (r: TaskRun): string => (r.status ?? "COMPLETED").toUpperCase();

/**
 * Merge the QC rows resolved to one sample. Mates (`_1`/`_2`) are averaged per column; any other
 * column given twice with different values is an error naming both files.
 */
function mergeQc(rows: ReadonlyArray<{ row: QcRow; mate: boolean }>, sample: string): SampleQc {
  const values: Record<string, number> = {};
  const files: Record<string, string> = {};
  const mates = new Map<string, { sum: number; n: number; files: string[] }>();
  for (const { row, mate } of rows) {
    for (const [k, v] of Object.entries(row.values)) {
      if (mate) {
        const m = mates.get(k) ?? { sum: 0, n: 0, files: [] };
        m.sum += v;
        m.n++;
        m.files.push(`${row.file} (${row.name})`);
        mates.set(k, m);
        continue;
      }
      if (k in values && values[k] !== v) {
        throw new GwtInputError(`sample '${sample}' has two different values of '${k}': ${values[k]} in ${files[k]} and ${v} in ${row.file} (${row.name})`, { file: row.file, field: k });
      }
      values[k] = v;
      files[k] = `${row.file} (${row.name})`;
    }
  }
  for (const [k, m] of mates) {
    if (k in values) throw new GwtInputError(`sample '${sample}': '${k}' is given both per mate (${m.files.join(", ")}) and for the sample (${files[k]})`, { field: k });
    values[k] = m.sum / m.n;
    files[k] = m.files.join(" + ");
  }
  return { values, files };
}

/**
 * Join task rows to QC rows. Tasks are first filtered (cached, failed, retried, duplicated rows,
 * co-located-load harness runs and rows without the target time are excluded and counted), then
 * matched by sample name (./sampleNames.ts conventions, or `map`), then summed per step and sample.
 * Throws a GwtInputError when no task joins, showing task and QC sample names side by side.
 */
export async function joinTasksToQc(traces: readonly TraceReadResult[], qc: readonly QcSource[], opts: { target?: Target; map?: SampleMap } = {}): Promise<JoinResult> {
  const target = opts.target ?? "cpu";
  const excluded = new Tally();
  const all: Array<{ r: TaskRun; file: string }> = [];
  for (const t of traces) for (const r of t.runs) all.push({ r, file: t.file });
  const stepOf = stepNamer(all.map((a) => a.r));
  // Which (step, name) pairs completed: a failed row of one of them was retried.
  const completed = new Set<string>();
  for (const { r } of all) if (statusOf(r) === "COMPLETED") completed.add(`${stepOf(r)}\u0000${nameOf(r)}`);
  const seenHash = new Set<string>();
  const usable: Array<{ r: TaskRun; file: string; timeS: number }> = [];
  let cpuFromPercent = 0;
  for (const { r, file } of all) {
    const st = statusOf(r);
    const nm = nameOf(r);
    if (st === "CACHED") { excluded.add("cached (timed in an earlier run)", nm); continue; }
    if (st !== "COMPLETED") {
      excluded.add(completed.has(`${stepOf(r)}\u0000${nm}`) ? `retried: ${st.toLowerCase()} attempt (the successful attempt is kept)` : `${st.toLowerCase()} (never completed)`, nm);
      continue;
    }
    const hash = r.raw["hash"];
    if (hash !== undefined && hash !== "" && hash !== "-") {
      if (seenHash.has(hash)) { excluded.add("duplicate row (same task hash in another trace)", nm); continue; }
      seenHash.add(hash);
    }
    if (r.source === "snakemake" && r.raw["repeat"] !== undefined && r.raw["repeat"] !== "1") { excluded.add("Snakemake benchmark repeat (the first repeat is kept)", nm); continue; }
    const load = r.raw["load_label"];
    if (load !== undefined && load !== "" && load !== "none") { excluded.add("co-located load run (harness load study)", nm); continue; }
    const t = targetOf(r, target);
    if (t.s === undefined || !(t.s > 0)) { excluded.add(`no positive ${target === "cpu" ? "CPU" : "wall"} time`, nm); continue; }
    if (t.fromPercent) cpuFromPercent++;
    usable.push({ r, file, timeS: t.s });
  }

  // Candidate names on both sides (the map, when given, renames task-side names first).
  const taskCands = usable.map(({ r, file }) => taskCandidates(r, file).map((c) => ({ ...c, key: opts.map?.toSample.get(c.key) ?? c.key, rule: opts.map?.toSample.has(c.key) ? `${c.rule} via map` : c.rule })));
  const qcRows: QcRow[] = qc.flatMap((s) => s.rows);
  const qcCands = qcRows.map((q) => qcCandidates(q.name));
  const res = await resolveKeys(taskCands.map((l) => l.map((c) => c.key)), qcCands.map((l) => l.map((c) => c.key)));

  // QC side: rows per sample, merged.
  const qcRules: Record<string, number> = {};
  const rowsBySample = new Map<string, Array<{ row: QcRow; mate: boolean }>>();
  const qcNoTasks = new Tally();
  qcRows.forEach((row, j) => {
    const p = res.qc[j] as number;
    if (p < 0) { qcNoTasks.add("no usable task ran on this name", row.name); return; }
    const c = (qcCands[j] as ReturnType<typeof qcCandidates>)[p] as ReturnType<typeof qcCandidates>[number];
    qcRules[c.rule.replace(/ '[^']*'/g, "")] = (qcRules[c.rule.replace(/ '[^']*'/g, "")] ?? 0) + 1;
    const list = rowsBySample.get(c.key) ?? [];
    list.push({ row, mate: c.mate });
    rowsBySample.set(c.key, list);
  });
  const samples = new Map<string, SampleQc>();
  for (const [s, rows] of [...rowsBySample.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) samples.set(s, mergeQc(rows, s));

  // Task side.
  const notJoined = new Tally();
  const taskRules: Record<string, number> = {};
  const tasksNoQcSamples = new Set<string>();
  const groups = new Map<string, { step: string; sample: string; timeS: number; chunks: number; submitMs: number | undefined; completeMs: number | undefined }>();
  const perStep = new Map<string, { usable: number; joined: number; samples: Set<string> }>();
  let joined = 0;
  usable.forEach(({ r, timeS, file }, i) => {
    const p = res.task[i] as number;
    const cands = taskCands[i] as ReturnType<typeof taskCandidates>;
    const step = p >= 0 && cands[p]?.rule === "benchmark file name" && r.raw["rule"] === undefined ? benchmarkStep(file, (cands[p] as (typeof cands)[number]).key) : stepOf(r);
    const ps = perStep.get(step) ?? { usable: 0, joined: 0, samples: new Set<string>() };
    ps.usable++;
    perStep.set(step, ps);
    if (p < 0) {
      if (cands.length === 0) notJoined.add("no sample name in the task (no tag, no '(TAG)', no wildcard in the file name)", nameOf(r));
      else {
        notJoined.add("its sample name matches no QC sample", `${nameOf(r)} → '${cands[0]?.key}'`);
        tasksNoQcSamples.add(cands[0]?.key as string);
      }
      return;
    }
    const c = cands[p] as (typeof cands)[number];
    const why = opts.map?.exclude?.get(c.key);
    if (why !== undefined) {
      excluded.add(`left out by the sample map (${why})`, nameOf(r));
      ps.usable--;
      return;
    }
    taskRules[c.rule] = (taskRules[c.rule] ?? 0) + 1;
    joined++;
    ps.joined++;
    ps.samples.add(c.key);
    const key = `${step}\u0000${c.key}`;
    const g = groups.get(key);
    const submitMs = r.submitTime?.getTime();
    const dur = parseDurationS(r.raw["duration"]);
    const completeMs = r.completeTime?.getTime() ?? (submitMs !== undefined && dur !== undefined ? submitMs + dur * 1000 : undefined);
    if (g) {
      g.timeS += timeS;
      g.chunks++;
      if (submitMs !== undefined && (g.submitMs === undefined || submitMs < g.submitMs)) g.submitMs = submitMs;
      if (completeMs !== undefined && (g.completeMs === undefined || completeMs > g.completeMs)) g.completeMs = completeMs;
    } else groups.set(key, { step, sample: c.key, timeS, chunks: 1, submitMs, completeMs });
  });

  const taskSamples = new Set([...groups.values()].map((g) => g.sample));
  const withQcNoTasks = new Tally();
  for (const s of samples.keys()) if (!taskSamples.has(s)) withQcNoTasks.add("QC but no completed joined task", s);
  // QC rows that matched no usable task are samples with QC but no tasks too (by their base name, once).
  const unmatched = new Set<string>();
  qcRows.forEach((row, j) => {
    if ((res.qc[j] as number) >= 0) return;
    const cands = qcCands[j] as ReturnType<typeof qcCandidates>;
    const base = (cands[cands.length - 1] as (typeof cands)[number]).key;
    if (!samples.has(base) && !unmatched.has(base)) {
      unmatched.add(base);
      withQcNoTasks.add("QC but no completed joined task", base);
    }
  });
  const noQc = new Tally();
  for (const s of [...tasksNoQcSamples].sort()) noQc.add("tasks but no QC", s);
  const qcNames = [...new Set(qcRows.map((q) => q.name))].slice(0, EXAMPLES);

  if (joined === 0) {
    const tn = usable.slice(0, EXAMPLES).map(({ r }) => nameOf(r));
    const lines = Array.from({ length: Math.max(tn.length, qcNames.length) }, (_, k) => `  ${(tn[k] ?? "").padEnd(60)}  ${qcNames[k] ?? ""}`);
    throw new GwtInputError(
      `no task could be joined to a QC sample (${usable.length} usable tasks, ${qcRows.length} QC rows). Task names vs QC sample names:\n  ${"task".padEnd(60)}  QC sample\n${lines.join("\n")}\n` +
        "Give an explicit map with --samples map.tsv (columns: trace_name, sample[, group]).",
    );
  }
  const scattered: Record<string, number> = {};
  const tasks: JoinedTask[] = [];
  for (const g of groups.values()) {
    if (g.chunks > 1) scattered[g.step] = (scattered[g.step] ?? 0) + 1;
    tasks.push({ step: g.step, sample: g.sample, group: opts.map?.group.get(g.sample) ?? g.sample, timeS: g.timeS, chunks: g.chunks, submitMs: g.submitMs, completeMs: g.completeMs });
  }
  const sNoTask = withQcNoTasks.toJSON()["QC but no completed joined task"] ?? { n: 0, examples: [] };
  const report: JoinReport = {
    target,
    tasksRead: all.length,
    excluded: excluded.toJSON(),
    tasksUsable: usable.length - mapExcluded(excluded),
    tasksJoined: joined,
    joinRate: usable.length - mapExcluded(excluded) > 0 ? joined / (usable.length - mapExcluded(excluded)) : 0,
    notJoined: notJoined.toJSON(),
    qcSampleExamples: qcNames,
    qcRules,
    taskRules,
    qcRows: qcRows.length,
    qcRowsWithoutTasks: qcNoTasks.toJSON()["no usable task ran on this name"] ?? { n: 0, examples: [] },
    samplesJoined: taskSamples.size,
    samplesWithQcNoTasks: sNoTask,
    samplesWithTasksNoQc: noQc.toJSON()["tasks but no QC"] ?? { n: 0, examples: [] },
    scattered,
    perStep: [...perStep.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([step, v]) => ({ step, usable: v.usable, joined: v.joined, samples: v.samples.size })),
    cpuFromPercent,
  };
  return { tasks, samples, report };
}

/**
 * The rule of a Snakemake benchmark file whose path carries the sample wildcard: the file name without
 * the sample (`benchmarks/{sample}.bwa_mem.tsv` → bwa_mem), else its folder (`benchmarks/bwa_mem/{sample}.tsv`).
 */
export function benchmarkStep(file: string, sample: string): string {
  const parts = file.split(/[\\/]+/);
  const stem = (parts[parts.length - 1] ?? "").replace(/\.(tsv|txt|benchmark)$/i, "");
  const rest = stem.split(sample).join("").replace(/^[._-]+|[._-]+$/g, "").replace(/[._-]{2,}/g, "_");
  return rest !== "" ? rest : (parts[parts.length - 2] ?? stem);
}

function mapExcluded(t: Tally): number {
  let n = 0;
  for (const [k, v] of t.m) if (k.startsWith("left out by the sample map")) n += v.n;
  return n;
}

/** Step names: the process name, prefixed by the workflow when the traces mix several workflows. */
function stepNamer(runs: readonly TaskRun[]): (r: TaskRun) => string {
  const wfs = new Set(runs.map((r) => r.workflow ?? ""));
  return wfs.size > 1 ? (r) => `${r.workflow ?? "unknown"}:${r.task}` : (r) => r.task;
}
