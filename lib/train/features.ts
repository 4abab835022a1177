/**
 * Which QC columns a step's model may use at a prediction moment, and the step's training table.
 * - submission: only QC of the input reads (FastQC, fastp; in MultiQC, columns of the fastqc* and
 *   fastp* modules) — what exists before anything runs;
 * - in-flight: additionally the observed times of the step's completed ancestors, from a declared
 *   dependency graph (`--dag`; a trace does not record the graph). QC of ancestors' outputs is not
 *   used yet: which process wrote which MultiQC column is not in MultiQC's tables.
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
import { producerOf } from "../workflow/harnessDag";

export type Moment = "submission" | "in-flight";

/**
 * Registry features known from the input reads alone for `step`: the shipped models' `fastp` tier
 * (FastQC + fastp + read count; lib/features/tiers), size first, so a harness model `train` fits at
 * submission has the shipped fastp-tier model's inputs.
 */
export function registryReadFeatures(step: string): FeatureSpec[] {
  return tierFeatures(step, "fastp").map(specOf);
}

/** MultiQC module of a column: `fastqc_raw-percent_gc` → fastqc_raw; `multiqc_fastqc.Total_Sequences` → fastqc. */
export function moduleOf(column: string): string {
  const m = /^([^-.]+)[-.]/.exec(column.replace(/^general_stats\.\d+\./, "").replace(/^multiqc_/, ""));
  return (m?.[1] ?? column).toLowerCase();
}

/** True for columns that describe the input reads (FastQC or fastp, whatever the section suffix). */
export function isInputReadsColumn(column: string): boolean {
  const m = moduleOf(column);
  return m.startsWith("fastqc") || m.startsWith("fastp");
}

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

/**
 * The training table of one step at `moment`: rows = joined samples of the step; features = the
 * moment's columns present and finite in every row (and, outside the registry, not constant; others listed in `dropped`).
 */
export function stepTable(step: string, tasks: readonly JoinedTask[], samples: ReadonlyMap<string, SampleQc>, opts: { moment: Moment; ancestors?: ReadonlySet<string>; timeOf?: ReadonlyMap<string, number>; columnAllowed?: (column: string) => boolean }): { table: StepTable; dropped: DroppedFeature[] } {
  const rows = tasks.filter((t) => t.step === step).sort((a, b) => (a.sample < b.sample ? -1 : a.sample > b.sample ? 1 : 0));
  const records: Array<Record<string, number>> = [];
  const ids: string[] = [];
  const groups: string[] = [];
  const y: number[] = [];
  const anc = opts.moment === "in-flight" ? [...(opts.ancestors ?? [])].sort() : [];
  for (const t of rows) {
    const rec: Record<string, number> = { ...(samples.get(t.sample)?.values ?? {}) };
    for (const a of anc) {
      const v = opts.timeOf?.get(`${a}\u0000${t.sample}`);
      if (v !== undefined) rec[`time.${a}`] = v;
    }
    records.push(rec);
    ids.push(t.sample);
    groups.push(t.group);
    y.push(forward("log", t.timeS));
  }
  const present = new Set<string>();
  for (const r of records) for (const k of Object.keys(r)) present.add(k);
  const harness = registryReadFeatures(step);
  const useRegistry = harness.some((s) => present.has(s.name));
  let candidates: Array<FeatureSpec & { kind: "size" | "quality" }>;
  if (useRegistry) {
    const kinds = new Map<string, "size" | "quality">(FEATURES.map((f) => [f.column, f.kind] as const));
    candidates = harness.map((s) => ({ ...s, kind: kinds.get(s.name) ?? "quality" }));
    // in flight: registry features written by one of the step's ancestors (e.g. MarkDuplicates' metrics for the callers)
    if (opts.moment === "in-flight") {
      const anc = opts.ancestors ?? new Set<string>();
      for (const f of FEATURES) {
        // the harness rule whose output the column is (lib/workflow: one table of producers)
        let producer: string | undefined;
        try { producer = producerOf(f.column); } catch { producer = undefined; }
        if (producer && anc.has(producer) && present.has(f.column)) candidates.push({ ...specOf(f), kind: f.kind });
      }
    }
  } else {
    const cols = [...present].filter((c) => !c.startsWith("time.") && (opts.columnAllowed ?? isInputReadsColumn)(c)).sort();
    candidates = cols.map(columnSpec).sort((a, b) => (a.kind === b.kind ? 0 : a.kind === "size" ? -1 : 1));
  }
  for (const a of anc) candidates.push({ name: `time.${a}`, unit: "s", transform: "log1p", kind: "quality" });
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
