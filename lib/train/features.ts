/**
 * Which QC columns a step's model may use at a prediction moment, and the step's training table.
 * - submission: only QC of the input reads (FastQC, fastp; in MultiQC, columns of the fastqc* and
 *   fastp* modules) — what exists before anything runs;
 * - in-flight: additionally the observed CPU/wall time and output size of the step's completed
 *   ancestors (`ancestor.<step>.*`, as `gwtime predict --trace` names them), from a declared dependency
 *   graph (`--dag`; a trace does not record the graph), and QC modules all of whose producers are ancestors.
 * Harness QC columns (lib/qc wide names) use the feature registry's reads-stage features, in the
 * registry's order, so the harness models match notebook 05's inputs.
 */
import { specOf } from "../analysis/prediction/stepModels";
import { forward } from "../util/transforms";
import { FEATURES } from "../features/registry";
import { tierFeatures } from "../features/tiers";
import type { FeatureSpec } from "../models/features";
import type { StepTable } from "./fit";
import type { JoinedTask, SampleQc } from "./join";
import { ancestors, makeDag } from "../workflow/dag";
import { HARNESS_DAG } from "../workflow/harnessDag";
import { ancestorColumnNames } from "../workflow/moment";

export type Moment = "submission" | "in-flight";

/**
 * Registry features known from the input reads alone for `step`: the shipped models' `fastp` tier
 * (FastQC + fastp + read count; lib/features/tiers), size first, so a harness model `train` fits at
 * submission has the shipped fastp-tier model's inputs.
 */
export function registryReadFeatures(step: string): FeatureSpec[] {
  return tierFeatures(step, "fastp").map(specOf);
}

/** MultiQC module of a column and whether it is input-read QC: lib/workflow/moment (one definition). */
export { isInputReadsColumn, moduleOf } from "../workflow/moment";
import { isInputReadsColumn } from "../workflow/moment";

const SIZE = /(total_sequences|total_reads|total_bases|\.sequences$|reads$|bases$|(^|[._-])bp_|_bp$|(^|[._-])r_(processed|written|with_adapters)$|quality_trimmed$|total$|assigned$)/i;

/** Spec of a MultiQC/QC column: counts and bases log-transformed (size), the rest as is. */
export function columnSpec(column: string): FeatureSpec & { kind: "size" | "quality" } {
  const size = SIZE.test(column);
  return { name: column, unit: size ? "count" : "as in the QC table", transform: size ? "log1p" : "identity", kind: size ? "size" : "quality" };
}

/**
 * Steps' ancestors from a declared graph file: lines `step<TAB>parent` (`#` comments), followed
 * transitively (lib/workflow's `ancestors`; a cycle is an error naming its steps).
 */
export function parseDag(text: string, name = "--dag"): Map<string, Set<string>> {
  const edges: Array<[string, string]> = [];
  text.split(/\r?\n/).forEach((l) => {
    const t = l.trim();
    if (t === "" || t.startsWith("#")) return;
    const [a, b] = t.split(/\t+|\s+/);
    if (a && b) edges.push([b, a]);
  });
  const dag = makeDag(name, edges);
  const out = new Map<string, Set<string>>();
  for (const [, child] of edges) if (!out.has(child)) out.set(child, ancestors(dag, child));
  return out;
}

/** A candidate feature and why it was not used (reported). */
export interface DroppedFeature {
  readonly feature: string;
  readonly reason: string;
}

/** The in-flight columns of one completed step of a sample (`ancestor.<step>.cpu_s|wall_s|output_bytes`: the names `gwtime predict --trace` gives). */
export function observedColumns(t: JoinedTask): Record<string, number> {
  const n = ancestorColumnNames(t.step);
  const out: Record<string, number> = {};
  if (t.cpuS !== undefined) out[n.cpuS] = t.cpuS;
  if (t.wallS !== undefined) out[n.wallS] = t.wallS;
  if (t.outputBytes !== undefined) out[n.outputBytes] = t.outputBytes;
  return out;
}

/** Joined tasks by step, then sample: a step's task of a sample found without a key string per task (a million of those were ~90 MB). */
export type TasksByStep = ReadonlyMap<string, ReadonlyMap<string, JoinedTask>>;

/** `tasks` by step, then sample (the join gives at most one task per step and sample). */
export function tasksByStep(tasks: readonly JoinedTask[]): Map<string, Map<string, JoinedTask>> {
  const out = new Map<string, Map<string, JoinedTask>>();
  for (const t of tasks) {
    let bySample = out.get(t.step);
    if (!bySample) out.set(t.step, (bySample = new Map()));
    bySample.set(t.sample, t);
  }
  return out;
}

/**
 * The training table of one step at `moment`: rows = joined samples of the step; features = the
 * moment's columns present and finite in every row (and, outside the registry, not constant; others listed in `dropped`).
 * Harness steps with registry QC use the shipped tiers' features (lib/features/tiers, from the harness
 * DAG in lib/workflow): `fastp` at submission, `in-flight` in flight (ancestors' QC and observed
 * `ancestor.<step>.*` columns). Other workflows: the QC columns `columnAllowed` admits plus, in flight,
 * the observed columns of the declared `ancestors`.
 */
export function stepTable(step: string, tasks: readonly JoinedTask[], samples: ReadonlyMap<string, SampleQc>, opts: { moment: Moment; ancestors?: ReadonlySet<string>; byStep?: TasksByStep; columnAllowed?: (column: string) => boolean }): { table: StepTable; dropped: DroppedFeature[] } {
  const rows = tasks.filter((t) => t.step === step).sort((a, b) => (a.sample < b.sample ? -1 : a.sample > b.sample ? 1 : 0));
  const present = new Set<string>();
  for (const t of rows) for (const k of Object.keys(samples.get(t.sample)?.values ?? {})) present.add(k);
  const harness = registryReadFeatures(step);
  const useRegistry = harness.some((s) => present.has(s.name));
  const harnessTiers = useRegistry && opts.moment === "in-flight" && HARNESS_DAG.steps.includes(step);
  // whose observed columns the rows carry: the harness DAG's ancestors of a harness step, else the declared ones
  const anc = opts.moment !== "in-flight" ? [] : harnessTiers ? [...ancestors(HARNESS_DAG, step)].sort() : [...(opts.ancestors ?? [])].sort();
  const records: Array<Record<string, number>> = [];
  const ids: string[] = [];
  const groups: string[] = [];
  const y: number[] = [];
  const observed = new Set<string>();
  for (const t of rows) {
    const rec: Record<string, number> = { ...(samples.get(t.sample)?.values ?? {}) };
    for (const a of anc) {
      const at = opts.byStep?.get(a)?.get(t.sample);
      if (at) for (const [k, v] of Object.entries(observedColumns(at))) { rec[k] = v; observed.add(k); }
    }
    records.push(rec);
    ids.push(t.sample);
    groups.push(t.group);
    y.push(forward("log", t.timeS));
  }
  let candidates: Array<FeatureSpec & { kind: "size" | "quality" }>;
  if (useRegistry) {
    const kinds = new Map<string, "size" | "quality">(FEATURES.map((f) => [f.column, f.kind] as const));
    const defs = harnessTiers ? tierFeatures(step, "in-flight") : null;
    candidates = defs ? defs.map((f) => ({ ...specOf(f), kind: f.kind })) : harness.map((s) => ({ ...s, kind: kinds.get(s.name) ?? "quality" }));
  } else {
    const cols = [...present].filter((c) => (opts.columnAllowed ?? isInputReadsColumn)(c)).sort();
    candidates = cols.map(columnSpec).sort((a, b) => (a.kind === b.kind ? 0 : a.kind === "size" ? -1 : 1));
  }
  if (!harnessTiers) {
    for (const a of anc) {
      const n = ancestorColumnNames(a);
      for (const [c, unit] of [[n.cpuS, "s"], [n.wallS, "s"], [n.outputBytes, "bytes"]] as const) if (observed.has(c)) candidates.push({ name: c, unit, transform: "log1p", kind: "quality" });
    }
  }
  const dropped: DroppedFeature[] = [];
  const specs: FeatureSpec[] = [];
  for (const c of candidates) {
    const vals = records.map((r) => r[c.name]);
    const missing = vals.filter((v) => v === undefined || !Number.isFinite(v)).length;
    if (missing > 0) { dropped.push({ feature: c.name, reason: `missing in ${missing} of ${records.length} runs` }); continue; }
    // Constant columns carry nothing; the registry's set is kept whole (notebook 05's inputs, byte for byte).
    if (!useRegistry && new Set(vals).size <= 1) { dropped.push({ feature: c.name, reason: "constant over the runs" }); continue; }
    specs.push({ name: c.name, unit: c.unit, transform: c.transform, ...(c.registryName ? { registryName: c.registryName } : {}) });
  }
  return { table: { step, ids, groups, records, yLog: Float64Array.from(y), specs }, dropped };
}
