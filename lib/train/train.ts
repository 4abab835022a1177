/**
 * `gwtime train`: traces + the samples' QC → one model per step (JSON + card) and an HTML training
 * report (join report, CV table per step, predicted vs actual, provenance of every input file).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { scatterByGroup } from "../plots/builders";
import { figureHtml, plotlyBundleHtml } from "../report/figureHtml";
import { escapeHtml } from "../report/escape";
import { makeProvenance } from "../report/provenance";
import { htmlTable } from "../report/table";
import { expandTracePaths, readTraces } from "../traces/read";
import type { TraceReadResult } from "../traces/schema";
import { GwtInputError } from "../util/errors";
import { sha256 } from "../util/hash";
import { MIN_TRAINING_RUNS, TooFewRunsError, fitStepModel, type FittedStep } from "./fit";
import { checkDag, inputQcTiming, type ModuleTiming } from "./availability";
import { type DroppedFeature, type Moment, moduleOf, parseDag, stepTable } from "./features";
import { type JoinReport, type SampleMap, type Target, joinTasksToQc } from "./join";
import { type QcSource, readQcSources } from "./qcSource";
import { inverse } from "../util/transforms";

/** Defaults shared by the CLI and the library. */
export const DEFAULT_TRAIN_OPTIONS = { target: "cpu" as Target, moment: "submission" as Moment, minRuns: MIN_TRAINING_RUNS, seed: 7 } as const;

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
}

export interface TrainResult {
  readonly out: string;
  readonly report: string;
  readonly join: JoinReport;
  readonly steps: StepOutcome[];
  readonly inputFiles: Array<{ path: string; sha256: string }>;
  /** Per QC module: whether it is QC of the input reads (submission) and which steps wrote it. */
  readonly timing: ModuleTiming[];
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

/** Train every step with enough runs; write models, cards and `training-report.html` under `opts.out`. */
export async function train(opts: TrainOptions): Promise<TrainResult> {
  const target = opts.target ?? DEFAULT_TRAIN_OPTIONS.target;
  const moment = opts.moment ?? DEFAULT_TRAIN_OPTIONS.moment;
  const minRuns = opts.minRuns ?? DEFAULT_TRAIN_OPTIONS.minRuns;
  const seed = opts.seed ?? DEFAULT_TRAIN_OPTIONS.seed;
  if (moment === "in-flight" && !opts.dag) throw new GwtInputError("--moment in-flight needs --dag FILE (lines 'step<TAB>ancestor'): a trace does not record which steps are a step's ancestors");
  const traceFiles = expandTracePaths(opts.trace);
  const traces: TraceReadResult[] = readTraces(traceFiles, opts.format ? { format: opts.format } : {});
  const unread = traces.filter((t) => t.runs.length === 0);
  const qc: QcSource[] = readQcSources(opts.qc);
  const map = opts.samples ? readSampleMap(opts.samples) : undefined;
  const joined = await joinTasksToQc(traces.filter((t) => t.runs.length > 0), qc, { target, map });
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
  const timeOf = new Map(joined.tasks.map((t) => [`${t.step}\u0000${t.sample}`, t.timeS] as const));
  const steps = [...new Set(joined.tasks.map((t) => t.step))].sort();
  const totalRuns = joined.tasks.length;
  if (totalRuns < minRuns) throw new GwtInputError(`too few runs to train: ${totalRuns} joined (step, sample) runs in all; each step needs at least ${minRuns} (--min-runs)`);
  mkdirSync(opts.out, { recursive: true });
  const outcomes: StepOutcome[] = [];
  const workflows = [...new Set(traces.flatMap((t) => t.runs.slice(0, 1).map((r) => r.workflow ?? t.format)))].join(", ");
  for (const step of steps) {
    const { table, dropped } = stepTable(step, joined.tasks, joined.samples, { moment, ancestors: dag.get(step), timeOf, columnAllowed: allowedFor(step) });
    const inputs = new Set(table.groups).size;
    const base = { step, runs: table.ids.length, inputs, features: table.specs.map((s) => s.name), runsIds: [...table.ids], dropped };
    try {
      const what = target === "cpu" ? "CPU time (user + sys seconds)" : "wall time (seconds)";
      const description = `${step} ${what} learned by \`gwtime train\` from ${table.ids.length} runs (${inputs} distinct inputs) of ${workflows || "the given traces"}; moment: ${moment} (${moment === "submission" ? "only QC of the input reads" : "input-read QC + the declared ancestors' QC and run times"}); features: ${table.specs.map((s) => s.name).join(", ")}. Timings come from the machine(s) the traces were recorded on: on another CPU expect a per-step scale factor.`;
      const model = fitStepModel(table, opts.out, { fileStem: safeStem(step), target: target === "cpu" ? "cpuS" : "wallS", description, seed, minRuns });
      outcomes.push({ ...base, model, skipped: undefined });
    } catch (e) {
      if (!(e instanceof TooFewRunsError)) throw e;
      outcomes.push({ ...base, model: undefined, skipped: e.message });
    }
  }
  const inputFiles = [...traceFiles, ...qc.flatMap((s) => s.files), ...(opts.samples ? [opts.samples] : []), ...(opts.dag ? [opts.dag] : [])].map((p) => ({ path: p, sha256: sha256(readFileSync(p)) }));
  const reportPath = join(opts.out, "training-report.html");
  writeFileSync(reportPath, reportHtml(joined.report, outcomes, inputFiles, { target, moment, minRuns, seed, unread: unread.map((t) => `${t.file}: ${t.issues[0]?.message ?? "no rows"}`), qcIssues: qc.flatMap((s) => s.issues.map((i) => `${i.file}: ${i.message}`)), timing: [...timing.values()] }));
  // Every sample's joined columns (QC + each step's time as `time.<step>`): `gwtime predict --features` reads it.
  const perSample = [...joined.samples.entries()].map(([sample, q]) => {
    const rec: Record<string, number | string> = { sample, ...q.values };
    for (const st of allSteps) {
      const v = timeOf.get(`${st}\u0000${sample}`);
      if (v !== undefined) rec[`time.${st}`] = v;
    }
    return rec;
  });
  writeFileSync(join(opts.out, "features.json"), `${JSON.stringify(perSample, null, 1)}\n`);
  writeFileSync(join(opts.out, "provenance.json"), `${JSON.stringify({ ...makeProvenance([], false), inputs: inputFiles }, null, 1)}\n`);
  writeFileSync(join(opts.out, "join-report.json"), `${JSON.stringify(joined.report, null, 1)}\n`);
  return { out: opts.out, report: reportPath, join: joined.report, steps: outcomes, inputFiles, timing: [...timing.values()] };
}

function reportHtml(j: JoinReport, steps: readonly StepOutcome[], files: ReadonlyArray<{ path: string; sha256: string }>, o: { target: Target; moment: Moment; minRuns: number; seed: number; unread: string[]; qcIssues: string[]; timing: ModuleTiming[] }): string {
  const trained = steps.filter((s) => s.model);
  const cvRows = steps.map((s) => ({
    step: s.step, runs: s.runs, inputs: s.inputs, model: s.model?.base ?? "—", "CV R² (log)": s.model?.cvR2 ?? null, "CV MdAPE": s.model?.cvMdape ?? null,
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
<p>Target: <b>${o.target === "cpu" ? "CPU time" : "wall time"}</b>. Moment: <b>${escapeHtml(o.moment)}</b> (${o.moment === "submission" ? "features: only QC of the input reads (FastQC, fastp)" : "features: input-read QC plus the QC written by, and the observed times of, the step's declared ancestors"}). Minimum runs per step: ${o.minRuns}. Seed: ${o.seed}. Grouped ${"K"}-fold CV over distinct inputs; the point model (ridge or GBT) is chosen by CV R², so the CV numbers of the chosen model are slightly optimistic.</p>
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
