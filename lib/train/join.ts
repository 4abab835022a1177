/**
 * Tasks of a trace joined to the QC of the sample each ran on, with a report of everything that did
 * not join and why (nothing is dropped silently). Key matching runs in DuckDB (./resolveKeys.ts).
 */
import type { TaskRun, TraceReadResult } from "../traces/schema";
import { GwtInputError } from "../util/errors";
import { parseDurationS } from "../util/units";
import type { QcRow, QcSource } from "./qcSource";
import { observedCpuS, outputBytesOf } from "../workflow/observed";
import { resolveKeys } from "./resolveKeys";
import { type NameCandidate, qcCandidates, taskCandidates } from "./sampleNames";
import { IntColumn, Interner, NumberColumn, StringColumn } from "./columns";

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
  /** Observed CPU seconds (`observedCpuS`: user + sys, else %cpu x realtime), wall seconds and output bytes, summed over the chunks; undefined when a chunk lacks it. */
  readonly cpuS: number | undefined;
  readonly wallS: number | undefined;
  readonly outputBytes: number | undefined;
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

/** What the join keeps of one usable task row (the row itself is not kept: a million TaskRuns are most of the memory). */
interface Pending {
  readonly file: string;
  readonly task: string;
  readonly workflow: string | undefined;
  readonly name: string;
  readonly timeS: number;
  readonly cands: readonly NameCandidate[];
  /** A Snakemake benchmark row without a `rule` column (its step comes from the file name). */
  readonly benchmarkRuleless: boolean;
  readonly cpuS: number | undefined;
  readonly wallS: number | undefined;
  readonly outputBytes: number | undefined;
  readonly submitMs: number | undefined;
  readonly completeMs: number | undefined;
}

/**
 * The usable task rows, column by column (./columns.ts): a million of them as objects were most of the
 * join's memory, and each one's name, cut from its chunk of trace text, kept the whole text alive. The
 * few distinct files, processes and candidate lists are stored once and referred to by id.
 */
class PendingTasks {
  private readonly files = new Interner<string>();
  private readonly procIds = new Map<string | undefined, Map<string, number>>();
  private readonly procs: Array<{ readonly task: string; readonly workflow: string | undefined }> = [];
  private readonly listIds = new Map<string, number[]>();
  /** Distinct candidate lists (equal keys and rules), in order of first use. */
  readonly lists: Array<readonly NameCandidate[]> = [];
  private readonly file = new IntColumn();
  private readonly proc = new IntColumn();
  private readonly list = new IntColumn();
  private readonly ruleless = new IntColumn();
  private readonly name = new StringColumn();
  private readonly timeS = new NumberColumn();
  private readonly cpuS = new NumberColumn();
  private readonly wallS = new NumberColumn();
  private readonly outputBytes = new NumberColumn();
  private readonly submitMs = new NumberColumn();
  private readonly completeMs = new NumberColumn();

  get length(): number {
    return this.file.length;
  }

  push(p: Pending): void {
    this.file.push(this.files.id(p.file));
    this.proc.push(this.procId(p.task, p.workflow));
    this.list.push(this.listId(p.cands));
    this.ruleless.push(p.benchmarkRuleless ? 1 : 0);
    this.name.push(p.name);
    this.timeS.push(p.timeS);
    this.cpuS.push(p.cpuS);
    this.wallS.push(p.wallS);
    this.outputBytes.push(p.outputBytes);
    this.submitMs.push(p.submitMs);
    this.completeMs.push(p.completeMs);
  }

  /** Row `i` as it was pushed (a new object; its candidate list is shared with the rows that have the same one). */
  at(i: number): Pending {
    const proc = this.procs[this.proc.get(i)] as (typeof this.procs)[number];
    return {
      file: this.files.of(this.file.get(i)), task: proc.task, workflow: proc.workflow, name: this.name.get(i), timeS: this.timeS.get(i) as number,
      cands: this.lists[this.list.get(i)] as readonly NameCandidate[], benchmarkRuleless: this.ruleless.get(i) === 1,
      cpuS: this.cpuS.get(i), wallS: this.wallS.get(i), outputBytes: this.outputBytes.get(i), submitMs: this.submitMs.get(i), completeMs: this.completeMs.get(i),
    };
  }

  /** Index in `lists` of row `i`'s candidate list. */
  listOf(i: number): number {
    return this.list.get(i);
  }

  private procId(task: string, workflow: string | undefined): number {
    let byTask = this.procIds.get(workflow);
    if (!byTask) this.procIds.set(workflow, (byTask = new Map()));
    let k = byTask.get(task);
    if (k === undefined) {
      k = this.procs.length;
      this.procs.push({ task, workflow });
      byTask.set(task, k);
    }
    return k;
  }

  /** Id of a candidate list: looked up by its keys, then compared key by key and rule by rule (exact). */
  private listId(cands: readonly NameCandidate[]): number {
    const sig = cands.map((c) => c.key).join("\u0001");
    const same = this.listIds.get(sig) ?? [];
    for (const k of same) {
      const l = this.lists[k] as readonly NameCandidate[];
      if (l.length === cands.length && l.every((c, j) => c.key === cands[j]?.key && c.rule === cands[j]?.rule)) return k;
    }
    const k = this.lists.length;
    this.lists.push(cands);
    same.push(k);
    this.listIds.set(sig, same);
    return k;
  }
}

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
export async function joinTasksToQc(traces: Iterable<TraceReadResult>, qc: readonly QcSource[], opts: { target?: Target; map?: SampleMap } = {}): Promise<JoinResult> {
  const target = opts.target ?? "cpu";
  const excluded = new Tally();
  // One pass over the runs (`traces` may be a stream of chunks: no run is kept, only what the join
  // needs of each usable one). Failed rows are labelled at the end, once every completed row is known.
  const seenHash = new Set<string>();
  const usable = new PendingTasks();
  const failed: Array<{ task: string; workflow: string | undefined; name: string; status: string }> = [];
  const completedElsewhere: Array<{ task: string; workflow: string | undefined; name: string }> = [];
  const workflows = new Set<string>();
  let tasksRead = 0;
  let cpuFromPercent = 0;
  for (const tr of traces) {
    const file = tr.file;
    for (const r of tr.runs) {
      tasksRead++;
      workflows.add(r.workflow ?? "");
      const st = statusOf(r);
      const nm = nameOf(r);
      if (st === "CACHED") { excluded.add("cached (timed in an earlier run)", nm); continue; }
      if (st !== "COMPLETED") { failed.push({ task: r.task, workflow: r.workflow, name: nm, status: st }); continue; }
      const done = { task: r.task, workflow: r.workflow, name: nm };
      const hash = r.raw["hash"];
      if (hash !== undefined && hash !== "" && hash !== "-") {
        if (seenHash.has(hash)) { excluded.add("duplicate row (same task hash in another trace)", nm); completedElsewhere.push(done); continue; }
        seenHash.add(hash);
      }
      if (r.source === "snakemake" && r.raw["repeat"] !== undefined && r.raw["repeat"] !== "1") { excluded.add("Snakemake benchmark repeat (the first repeat is kept)", nm); completedElsewhere.push(done); continue; }
      const load = r.raw["load_label"];
      if (load !== undefined && load !== "" && load !== "none") { excluded.add("co-located load run (harness load study)", nm); completedElsewhere.push(done); continue; }
      const t = targetOf(r, target);
      if (t.s === undefined || !(t.s > 0)) { excluded.add(`no positive ${target === "cpu" ? "CPU" : "wall"} time`, nm); completedElsewhere.push(done); continue; }
      if (t.fromPercent) cpuFromPercent++;
      // Candidate names (the map, when given, renames task-side names first).
      const cands = taskCandidates(r, file).map((c) => (opts.map ? { key: opts.map.toSample.get(c.key) ?? c.key, rule: opts.map.toSample.has(c.key) ? `${c.rule} via map` : c.rule } : c));
      const submitMs = r.submitTime?.getTime();
      const dur = parseDurationS(r.raw["duration"]);
      usable.push({
        file, task: r.task, workflow: r.workflow, name: nm, timeS: t.s, cands, benchmarkRuleless: r.raw["rule"] === undefined,
        cpuS: observedCpuS(r),
        wallS: r.wallS !== undefined && Number.isFinite(r.wallS) && r.wallS >= 0 ? r.wallS : undefined,
        outputBytes: outputBytesOf(r),
        submitMs,
        completeMs: r.completeTime?.getTime() ?? (submitMs !== undefined && dur !== undefined ? submitMs + dur * 1000 : undefined),
      });
    }
  }
  // Step names: the process name, prefixed by the workflow when the traces mix several workflows.
  const stepOf = (x: { task: string; workflow: string | undefined }): string => (workflows.size > 1 ? `${x.workflow ?? "unknown"}:${x.task}` : x.task);
  if (failed.length > 0) {
    // Which (step, name) pairs completed: a failed row of one of them was retried.
    const completed = new Set<string>();
    for (let i = 0; i < usable.length; i++) {
      const x = usable.at(i);
      completed.add(`${stepOf(x)}\u0000${x.name}`);
    }
    for (const x of completedElsewhere) completed.add(`${stepOf(x)}\u0000${x.name}`);
    for (const f of failed) excluded.add(completed.has(`${stepOf(f)}\u0000${f.name}`) ? `retried: ${f.status.toLowerCase()} attempt (the successful attempt is kept)` : `${f.status.toLowerCase()} (never completed)`, f.name);
  }
  const qcRows: QcRow[] = qc.flatMap((s) => s.rows);
  const qcCands = qcRows.map((q) => qcCandidates(q.name));
  // Each distinct candidate list is resolved once (a sample's tasks share one: ten steps, one list).
  const resolved = await resolveKeys(usable.lists.map((l) => l.map((c) => c.key)), qcCands.map((l) => l.map((c) => c.key)));
  const res = { task: (i: number): number => resolved.task[usable.listOf(i)] as number, qc: resolved.qc };

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
  // one record per (step, sample), built in place (it becomes the JoinedTask: no second copy of a million),
  // found by step then sample (no key string per record), listed in order of first task
  const groups = new Map<string, Map<string, { step: string; sample: string; group: string; timeS: number; chunks: number; cpuS: number | undefined; wallS: number | undefined; outputBytes: number | undefined; submitMs: number | undefined; completeMs: number | undefined }>>();
  const tasks: JoinedTask[] = [];
  const perStep = new Map<string, { usable: number; joined: number; samples: Set<string> }>();
  let joined = 0;
  const usableCount = usable.length;
  const firstNames = Array.from({ length: Math.min(EXAMPLES, usableCount) }, (_, i) => usable.at(i).name);
  for (let i = 0; i < usableCount; i++) {
    const u = usable.at(i);
    const { timeS, file, cpuS, wallS, outputBytes, submitMs, completeMs } = u;
    const p = res.task(i);
    const cands = u.cands;
    const step = p >= 0 && cands[p]?.rule === "benchmark file name" && u.benchmarkRuleless ? benchmarkStep(file, (cands[p] as (typeof cands)[number]).key) : stepOf(u);
    const ps = perStep.get(step) ?? { usable: 0, joined: 0, samples: new Set<string>() };
    ps.usable++;
    perStep.set(step, ps);
    if (p < 0) {
      if (cands.length === 0) notJoined.add("no sample name in the task (no tag, no '(TAG)', no wildcard in the file name)", u.name);
      else {
        notJoined.add("its sample name matches no QC sample", `${u.name} → '${cands[0]?.key}'`);
        tasksNoQcSamples.add(cands[0]?.key as string);
      }
      continue;
    }
    const c = cands[p] as (typeof cands)[number];
    const why = opts.map?.exclude?.get(c.key);
    if (why !== undefined) {
      excluded.add(`left out by the sample map (${why})`, u.name);
      ps.usable--;
      continue;
    }
    taskRules[c.rule] = (taskRules[c.rule] ?? 0) + 1;
    joined++;
    ps.joined++;
    ps.samples.add(c.key);
    let bySample = groups.get(step);
    if (!bySample) groups.set(step, (bySample = new Map()));
    const g = bySample.get(c.key);
    if (g) {
      g.timeS += timeS;
      g.chunks++;
      g.cpuS = g.cpuS === undefined || cpuS === undefined ? undefined : g.cpuS + cpuS;
      g.wallS = g.wallS === undefined || wallS === undefined ? undefined : g.wallS + wallS;
      g.outputBytes = g.outputBytes === undefined || outputBytes === undefined ? undefined : g.outputBytes + outputBytes;
      if (submitMs !== undefined && (g.submitMs === undefined || submitMs < g.submitMs)) g.submitMs = submitMs;
      if (completeMs !== undefined && (g.completeMs === undefined || completeMs > g.completeMs)) g.completeMs = completeMs;
    } else {
      const t = { step, sample: c.key, group: opts.map?.group.get(c.key) ?? c.key, timeS, chunks: 1, cpuS, wallS, outputBytes, submitMs, completeMs };
      bySample.set(c.key, t);
      tasks.push(t);
    }
  }

  const taskSamples = new Set(tasks.map((g) => g.sample));
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
    const tn = firstNames;
    const lines = Array.from({ length: Math.max(tn.length, qcNames.length) }, (_, k) => `  ${(tn[k] ?? "").padEnd(60)}  ${qcNames[k] ?? ""}`);
    throw new GwtInputError(
      `no task could be joined to a QC sample (${usableCount} usable tasks, ${qcRows.length} QC rows). Task names vs QC sample names:\n  ${"task".padEnd(60)}  QC sample\n${lines.join("\n")}\n` +
        "Give an explicit map with --samples map.tsv (columns: trace_name, sample[, group]).",
    );
  }
  const scattered: Record<string, number> = {};
  for (const g of tasks) if (g.chunks > 1) scattered[g.step] = (scattered[g.step] ?? 0) + 1;
  const sNoTask = withQcNoTasks.toJSON()["QC but no completed joined task"] ?? { n: 0, examples: [] };
  const report: JoinReport = {
    target,
    tasksRead,
    excluded: excluded.toJSON(),
    tasksUsable: usableCount - mapExcluded(excluded),
    tasksJoined: joined,
    joinRate: usableCount - mapExcluded(excluded) > 0 ? joined / (usableCount - mapExcluded(excluded)) : 0,
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
