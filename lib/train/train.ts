/**
 * `gwtime train`: traces + the samples' QC → one model per step (JSON + card) and an HTML training
 * report (join report, CV table per step, predicted vs actual, provenance of every input file).
 */
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { scatterByGroup } from "../plots/builders";
import { figureHtml, plotlyBundleHtml } from "../report/figureHtml";
import { escapeHtml } from "../report/escape";
import { makeProvenance } from "../report/provenance";
import { htmlTable } from "../report/table";
import { expandTracePaths, readTraceChunks } from "../traces/read";
import type { TaskRun, TraceReadResult } from "../traces/schema";
import type { Tier } from "../features/tiers";
import type { TrainingSample } from "../models/serialize";
import { type Availability, columnAvailability, HARNESS_DAG } from "../workflow/harnessDag";
import { ancestorStepOf } from "../workflow/moment";
import { errorMessage, GwtInputError } from "../util/errors";
import { sha256 } from "../util/hash";
import { MIN_TRAINING_RUNS, TooFewRunsError, fitStepModel, type FittedStep } from "./fit";
import { checkDag, inputQcTiming, type ModuleTiming } from "./availability";
import { type DroppedFeature, type Moment, moduleOf, observedColumns, parseDag, stepTable, type TasksByStep, tasksByStep } from "./features";
import { type JoinReport, type SampleMap, type SampleQc, type Target, joinTasksToQc } from "./join";
import { type QcSource, readQcSources } from "./qcSource";
import { inverse } from "../util/transforms";
import { capStepTable, DEFAULT_MAX_ROWS } from "./sample";

/** Defaults shared by the CLI and the library. */
export const DEFAULT_TRAIN_OPTIONS = { target: "cpu" as Target, moment: "submission" as Moment, minRuns: MIN_TRAINING_RUNS, seed: 7, maxRows: DEFAULT_MAX_ROWS } as const;

export interface TrainOptions {
  readonly trace: readonly string[];
  readonly qc: readonly string[];
  readonly out: string;
  readonly target?: Target;
  readonly moment?: Moment;
  readonly samples?: string;
  readonly dag?: string;
  readonly minRuns?: number;
  readonly seed?: number;
  /**
   * Most runs a step's model is fitted on (0: no cap). A step with more is fitted on a stratified,
   * seeded sample of this many (./sample.ts; stated in the model file, its card and the report).
   */
  readonly maxRows?: number;
  /** Trace format, when detection should be skipped. */
  readonly format?: string;
}

/** One step's outcome: a model, or why there is none (with its counts). */
export interface StepOutcome {
  readonly step: string;
  readonly runs: number;
  readonly inputs: number;
  readonly model: FittedStep | undefined;
  readonly skipped: string | undefined;
  readonly features: string[];
  /** Sample of each training row. */
  readonly runsIds: string[];
  readonly dropped: DroppedFeature[];
  /** Model tier (hence moment): fastqc / fastp at submission, in-flight. */
  readonly tier: Tier;
  /** Set when the model was fitted on a capped sample of the step's runs. */
  readonly sampling: TrainingSample | undefined;
}

export interface TrainResult {
  readonly out: string;
  readonly report: string;
  readonly join: JoinReport;
  readonly steps: StepOutcome[];
  readonly inputFiles: Array<{ path: string; sha256: string }>;
  /** Per QC module: whether it is QC of the input reads (submission) and which steps wrote it. */
  readonly timing: ModuleTiming[];
  /** Wall seconds per phase (read traces, read QC, join, fit, write); not written to any file. */
  readonly phaseS: Readonly<Record<"readTraces" | "readQc" | "join" | "fit" | "write", number>>;
}

/**
 * Read `--samples map.tsv`: header with `sample` (or `run_id`), optional `trace_name` (or `tag`), `group` (or
 * `config_id`) and `load_label` (samples whose value is not `none` are left out, counted: the harness's load study).
 */
export function readSampleMap(file: string): SampleMap {
  const lines = readFileSync(file, "utf8").split(/\r?\n/).filter((l) => l.trim() !== "");
  const header = (lines[0] ?? "").split("\t").map((h) => h.trim());
  const col = (...names: string[]): number => header.findIndex((h) => names.includes(h));
  const s = col("sample", "run_id");
  if (s < 0) throw new GwtInputError("the sample map needs a 'sample' (or 'run_id') column", { file, line: 1 });
  const tn = col("trace_name", "tag");
  const g = col("group", "config_id");
  const ll = col("load_label");
  const toSample = new Map<string, string>();
  const group = new Map<string, string>();
  const exclude = new Map<string, string>();
  lines.slice(1).forEach((l, i) => {
    const c = l.split("\t");
    const sample = c[s]?.trim();
    if (!sample) throw new GwtInputError("empty sample name", { file, line: i + 2 });
    const from = tn >= 0 ? c[tn]?.trim() : undefined;
    if (from) {
      const prev = toSample.get(from);
      if (prev !== undefined && prev !== sample) throw new GwtInputError(`trace name '${from}' maps to both '${prev}' and '${sample}'`, { file, line: i + 2 });
      toSample.set(from, sample);
    }
    if (g >= 0 && c[g]?.trim()) group.set(sample, (c[g] as string).trim());
    const load = ll >= 0 ? c[ll]?.trim() : undefined;
    if (load && load !== "none") exclude.set(sample, `load_label=${load}`);
  });
  return { file, toSample, group, exclude };
}

const safeStem = (step: string): string => step.replace(/[^A-Za-z0-9_.-]+/g, "_");

/** Pipeline-specific read keys the join and the model metadata use (the rest of each trace row is not kept: memory at 1M tasks). */
const RAW_KEYS = ["name", "hash", "duration", "repeat", "rule", "load_label", "output_bytes", "cpu_model"] as const;

/**
 * The tier of a trained model: in flight, `in-flight`; at submission, `fastp` when it reads a fastp
 * column (registry `fastp.*` or a MultiQC fastp module), else `fastqc`.
 */
export function tierOf(moment: Moment, features: ReadonlyArray<{ readonly name: string }>): Tier {
  if (moment === "in-flight") return "in-flight";
  return features.some((f) => moduleOf(f.name).startsWith("fastp")) ? "fastp" : "fastqc";
}

/** Train every step with enough runs; write models, cards and `training-report.html` under `opts.out`. */
export async function train(opts: TrainOptions): Promise<TrainResult> {
  const target = opts.target ?? DEFAULT_TRAIN_OPTIONS.target;
  const moment = opts.moment ?? DEFAULT_TRAIN_OPTIONS.moment;
  const minRuns = opts.minRuns ?? DEFAULT_TRAIN_OPTIONS.minRuns;
  const seed = opts.seed ?? DEFAULT_TRAIN_OPTIONS.seed;
  const maxRows = opts.maxRows ?? DEFAULT_TRAIN_OPTIONS.maxRows;
  if (!(Number.isInteger(maxRows) && maxRows >= 0)) throw new GwtInputError(`the row cap must be an integer >= 0 (0: no cap); got ${maxRows}`);
  if (moment === "in-flight" && !opts.dag) throw new GwtInputError("--moment in-flight needs --dag FILE (lines 'step<TAB>ancestor'): a trace does not record which steps are a step's ancestors");
  const clock = phaseClock();
  const traceFiles = expandTracePaths(opts.trace);
  // The traces are streamed into the join a chunk of rows at a time (a million-task trace is never held
  // as TaskRuns at once); what the report and the model files need of the runs is gathered on the way.
  const unread: string[] = [];
  const cpuSet = new Set<string>();
  const workflowSet = new Set<string>();
  let readS = 0;
  const readOpts = { ...(opts.format ? { format: opts.format } : {}), keepRaw: RAW_KEYS };
  function* stream(): Generator<TraceReadResult> {
    for (const f of traceFiles) {
      let runs = 0;
      let firstIssue: string | undefined;
      let t = process.hrtime.bigint();
      try {
        for (const r of readTraceChunks(f, readOpts)) {
          readS += Number(process.hrtime.bigint() - t) / 1e9;
          firstIssue ??= r.issues[0]?.message;
          if (runs === 0 && r.runs.length > 0) workflowSet.add((r.runs[0] as TaskRun).workflow ?? r.format);
          for (const run of r.runs) {
            const c = run.raw["cpu_model"];
            if (c !== undefined && c !== "") cpuSet.add(c);
          }
          runs += r.runs.length;
          if (r.runs.length > 0) yield r;
          t = process.hrtime.bigint();
        }
      } catch (e) {
        firstIssue = errorMessage(e);
      }
      if (runs === 0) unread.push(`${f}: ${firstIssue ?? "no rows"}`);
    }
  }
  const qc: QcSource[] = readQcSources(opts.qc);
  const map = opts.samples ? readSampleMap(opts.samples) : undefined;
  const readQcS = clock();
  const joined = await joinTasksToQc(stream(), qc, { target, map });
  const cpus = [...cpuSet].sort();
  const workflows = [...workflowSet].join(", ");
  const readTracesS = readS;
  const dag = opts.dag ? parseDag(readFileSync(opts.dag, "utf8")) : new Map<string, Set<string>>();
  if (opts.dag) checkDag(dag, joined.tasks, opts.dag);
  const allSteps = [...new Set(joined.tasks.map((t) => t.step))].sort();
  // When each QC module's columns exist: input-read QC (submission) or a step's output (in flight, ancestors only).
  const modules = [...new Set([...joined.samples.values()].flatMap((q) => Object.keys(q.values)).map(moduleOf))].sort();
  const timing = new Map(modules.map((m) => [m, inputQcTiming(m, joined.tasks, allSteps)] as const));
  const allowedFor = (step: string) => (column: string): boolean => {
    const t = timing.get(moduleOf(column));
    if (!t) return false;
    if (t.inputQc) return true;
    const anc = dag.get(step);
    return moment === "in-flight" && anc !== undefined && t.producers.length > 0 && t.producers.every((p) => anc.has(p));
  };
  // What the model writer checks every feature against: the harness DAG for harness steps' registry
  // columns, the declared graph for observed ancestor columns, the trace's timing for MultiQC modules.
  const availabilityFor = (step: string) => (column: string): Availability => {
    const anc = ancestorStepOf(column);
    if (HARNESS_DAG.steps.includes(step) && (anc !== undefined ? !dag.get(step)?.has(anc) : true)) {
      try { return columnAvailability(column, step, moment); } catch { /* not a registry column: below */ }
    }
    if (anc !== undefined) {
      const ok = moment === "in-flight" && dag.get(step)?.has(anc) === true;
      return { available: ok, producer: anc, reason: ok ? `observed on ${anc}, a declared ancestor of ${step}` : moment === "in-flight" ? `${anc} is not a declared ancestor of ${step}` : "observed times are known only in flight" };
    }
    const t = timing.get(moduleOf(column));
    const ok = allowedFor(step)(column);
    return { available: ok, producer: t?.producers.join(", ") ?? moduleOf(column), reason: ok ? (t?.why ?? "") : `module ${moduleOf(column)}: ${t?.why ?? "not in the QC"}${moment === "in-flight" ? "; not all of its producers are declared ancestors" : ""}` };
  };
  const byStep = tasksByStep(joined.tasks);
  const steps = allSteps;
  const totalRuns = joined.tasks.length;
  if (totalRuns < minRuns) throw new GwtInputError(`too few runs to train: ${totalRuns} joined (step, sample) runs in all; each step needs at least ${minRuns} (--min-runs)`);
  const joinS = clock() - readTracesS;
  mkdirSync(opts.out, { recursive: true });
  const outcomes: StepOutcome[] = [];
  for (const step of steps) {
    const full = stepTable(step, joined.tasks, joined.samples, { moment, ancestors: dag.get(step), byStep, columnAllowed: allowedFor(step) });
    const dropped = full.dropped;
    const { table, sampling } = maxRows > 0 ? capStepTable(full.table, maxRows, seed) : { table: full.table, sampling: undefined };
    const inputs = new Set(full.table.groups).size;
    const tier = tierOf(moment, table.specs);
    const base = { step, runs: full.table.ids.length, inputs, features: table.specs.map((s) => s.name), runsIds: [...table.ids], dropped, tier, sampling };
    try {
      const what = target === "cpu" ? "CPU time (user + sys seconds)" : "wall time (seconds)";
      const fitted = sampling ? `, fitted on a stratified seeded sample of ${sampling.rowsUsed}` : "";
      const description = `${step} ${what} learned by \`gwtime train\` from ${full.table.ids.length} runs (${inputs} distinct inputs${fitted}) of ${workflows || "the given traces"}; tier ${tier}, moment: ${moment} (${moment === "submission" ? "only QC of the input reads" : "input-read QC + the declared ancestors' QC, observed times and sizes"}); features: ${table.specs.map((s) => s.name).join(", ")}. Timings come from the machine(s) the traces were recorded on${cpus.length ? ` (${cpus.join(", ")})` : ""}: on another CPU expect a per-step scale factor.`;
      const model = fitStepModel(table, opts.out, { fileStem: safeStem(step), target: target === "cpu" ? "cpuS" : "wallS", description, seed, minRuns, tier, cpuModels: cpus, availability: availabilityFor(step), sampling });
      outcomes.push({ ...base, model, skipped: undefined });
    } catch (e) {
      if (!(e instanceof TooFewRunsError)) throw e;
      outcomes.push({ ...base, model: undefined, skipped: e.message });
    }
  }
  const fitS = clock();
  const inputFiles = [...traceFiles, ...qc.flatMap((s) => s.files), ...(opts.samples ? [opts.samples] : []), ...(opts.dag ? [opts.dag] : [])].map((p) => ({ path: p, sha256: sha256(readFileSync(p)) }));
  const reportPath = join(opts.out, "training-report.html");
  writeFileSync(reportPath, reportHtml(joined.report, outcomes, inputFiles, { target, moment, minRuns, seed, maxRows, unread, qcIssues: qc.flatMap((s) => s.issues.map((i) => `${i.file}: ${i.message}`)), timing: [...timing.values()] }));
  writeJsonLines(join(opts.out, "features.json"), sampleFeatures(joined.samples, allSteps, byStep));
  writeFileSync(join(opts.out, "provenance.json"), `${JSON.stringify({ ...makeProvenance([], false), inputs: inputFiles }, null, 1)}\n`);
  writeFileSync(join(opts.out, "join-report.json"), `${JSON.stringify(joined.report, null, 1)}\n`);
  const writeS = clock();
  return { out: opts.out, report: reportPath, join: joined.report, steps: outcomes, inputFiles, timing: [...timing.values()], phaseS: { readTraces: readTracesS, readQc: readQcS, join: joinS, fit: fitS, write: writeS } };
}

/** A clock: each call returns the wall seconds since the previous call. */
function phaseClock(): () => number {
  let last = process.hrtime.bigint();
  return () => {
    const now = process.hrtime.bigint();
    const s = Number(now - last) / 1e9;
    last = now;
    return s;
  };
}

/**
 * Every sample's joined columns (QC + each step's observed `ancestor.<step>.*` columns), one record at a
 * time: `gwtime predict --features` reads them (features.json). Made as they are written: 100k records
 * of ~25 columns held at once were ~150 MB.
 */
function* sampleFeatures(samples: ReadonlyMap<string, SampleQc>, steps: readonly string[], byStep: TasksByStep): Generator<Record<string, number | string>> {
  for (const [sample, q] of samples) {
    const rec: Record<string, number | string> = { sample, ...q.values };
    for (const st of steps) {
      const t = byStep.get(st)?.get(sample);
      if (t) Object.assign(rec, observedColumns(t));
    }
    yield rec;
  }
}

/**
 * A JSON array of records written one record per line, a thousand lines at a time (`JSON.stringify` of
 * 100k samples at once is one huge string): `[\n` + the records joined by `,\n` + `\n]\n`.
 */
function writeJsonLines(file: string, rows: Iterable<object>): void {
  const fd = openSync(file, "w");
  try {
    writeSync(fd, "[\n");
    let lines: string[] = [];
    let first = true;
    const flush = (): void => {
      writeSync(fd, `${first ? "" : ",\n"}${lines.join(",\n")}`);
      first = false;
      lines = [];
    };
    for (const r of rows) {
      lines.push(JSON.stringify(r));
      if (lines.length === 1000) flush();
    }
    if (lines.length > 0) flush();
    writeSync(fd, "\n]\n");
  } finally {
    closeSync(fd);
  }
}

function reportHtml(j: JoinReport, steps: readonly StepOutcome[], files: ReadonlyArray<{ path: string; sha256: string }>, o: { target: Target; moment: Moment; minRuns: number; seed: number; maxRows: number; unread: string[]; qcIssues: string[]; timing: ModuleTiming[] }): string {
  const trained = steps.filter((s) => s.model);
  const cvRows = steps.map((s) => ({
    step: s.step, runs: s.runs, "fitted on": s.sampling ? `${s.sampling.rowsUsed} (sample)` : s.runs, inputs: s.inputs, tier: s.tier, model: s.model?.base ?? "—", "CV R² (log)": s.model?.cvR2 ?? null, "CV MdAPE": s.model?.cvMdape ?? null,
    folds: s.model?.folds ?? null, "runner-up R²": s.model?.runnerUp ?? "", features: s.features.length, note: s.skipped ?? "",
  }));
  const counted = (rec: Record<string, { n: number; examples: string[] }>): object[] => Object.entries(rec).map(([reason, c]) => ({ reason, tasks: c.n, examples: c.examples.join("; ") }));
  const fig = trained.length
    ? figureHtml(
        scatterByGroup(
          trained.map((s) => ({ name: s.step, x: [...(s.model as FittedStep).oofLog].map((v) => inverse("log", v)), y: [...(s.model as FittedStep).yLog].map((v) => inverse("log", v)), text: s.model ? s.runsIds : undefined })),
          { title: `Out-of-fold predicted vs actual ${o.target === "cpu" ? "CPU" : "wall"} time (moment: ${o.moment})`, xTitle: "predicted (s)", yTitle: "actual (s)", logX: true, logY: true },
        ),
        "train-oof",
      )
    : "<p>No step had enough runs for a model.</p>";
  const prov = makeProvenance([], false);
  return `<!doctype html><html><head><meta charset="utf-8"><title>gwtime training report</title>${plotlyBundleHtml()}
<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto}table.gwt-table{border-collapse:collapse;font-size:90%}.gwt-table td,.gwt-table th{border:1px solid #ccc;padding:2px 6px}</style></head><body>
<h1>gwtime training report</h1>
<p>Target: <b>${o.target === "cpu" ? "CPU time" : "wall time"}</b>. Moment: <b>${escapeHtml(o.moment)}</b> (${o.moment === "submission" ? "features: only QC of the input reads (FastQC, fastp)" : "features: input-read QC plus the QC written by, and the observed times of, the step's declared ancestors"}). Minimum runs per step: ${o.minRuns}. Seed: ${o.seed}. ${o.maxRows > 0 ? `A step with more than ${o.maxRows} runs is fitted (and cross-validated) on a sample of ${o.maxRows} of them, stratified by log time (10 equal-count bins, in proportion) and drawn with the seed; the join report counts every run.` : "Every run is fitted on (no row cap)."} Grouped ${"K"}-fold CV over distinct inputs; the point model (ridge or GBT) is chosen by CV R², so the CV numbers of the chosen model are slightly optimistic.</p>
<h2>Models per step</h2>
${htmlTable(cvRows)}
<h2>Predicted vs actual</h2>
${fig}
<h2>Join report</h2>
<p>${j.tasksRead} task rows read; ${j.tasksUsable} usable; <b>${j.tasksJoined} joined (${(100 * j.joinRate).toFixed(1)}%)</b> to ${j.samplesJoined} samples. ${j.cpuFromPercent ? `${j.cpuFromPercent} tasks' CPU time is Nextflow's %cpu × realtime (no user/sys seconds in the trace).` : ""}</p>
<h3>Excluded before the join</h3>${htmlTable(counted(j.excluded))}
<h3>Not joined</h3>${htmlTable(counted(j.notJoined))}
<p>QC sample names (examples, side by side with the task names above): ${escapeHtml(j.qcSampleExamples.join(", "))}</p>
<h3>Per step</h3>${htmlTable(j.perStep)}
<h3>Samples</h3>
${htmlTable([
    { what: "QC rows", n: j.qcRows, examples: "" },
    { what: "QC rows matching no task", n: j.qcRowsWithoutTasks.n, examples: j.qcRowsWithoutTasks.examples.join(", ") },
    { what: "samples with QC but no joined task", n: j.samplesWithQcNoTasks.n, examples: j.samplesWithQcNoTasks.examples.join(", ") },
    { what: "task samples without QC", n: j.samplesWithTasksNoQc.n, examples: j.samplesWithTasksNoQc.examples.join(", ") },
  ])}
<p>How QC names matched: ${escapeHtml(JSON.stringify(j.qcRules))}. How tasks named their sample: ${escapeHtml(JSON.stringify(j.taskRules))}. Scattered steps (completed tasks per sample summed): ${escapeHtml(JSON.stringify(j.scattered))}.</p>
${o.unread.length ? `<h3>Trace files not read</h3><ul>${o.unread.map((u) => `<li>${escapeHtml(u)}</li>`).join("")}</ul>` : ""}
${o.qcIssues.length ? `<h3>QC problems</h3><ul>${o.qcIssues.map((u) => `<li>${escapeHtml(u)}</li>`).join("")}</ul>` : ""}
<h2>When each QC module exists</h2>
<p>Submission uses only modules that are QC of the input reads; in flight adds modules every producer of which is a declared ancestor of the step.</p>
${htmlTable(o.timing.map((t) => ({ module: t.module, "written by": t.producers.join(", "), "input-read QC": t.inputQc, why: t.why })))}
<h2>Features not used</h2>
${htmlTable(steps.flatMap((s) => s.dropped.map((d) => ({ step: s.step, feature: d.feature, reason: d.reason }))), { maxRows: 400 })}
<h2>Provenance</h2>
<p>gwtime ${escapeHtml(prov.gwtimeVersion)}, git ${escapeHtml(prov.gitCommit)}${prov.gitDirty ? " (dirty)" : ""}, node ${escapeHtml(prov.node)}, ${escapeHtml(prov.generatedAt)}.</p>
${htmlTable(files.map((f) => ({ file: f.path, sha256: f.sha256 })), { maxRows: 300 })}
<p>Every input file with its sha256: <code>provenance.json</code> next to this report.</p>
</body></html>
`;
}
