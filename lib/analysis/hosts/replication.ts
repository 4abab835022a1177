/**
 * The same design rows run on two machines. Seeds make the inputs byte-identical (checked by FASTQ
 * sha256, not assumed), so every difference is the machine's: how much slower is each step on the
 * other CPU, and do the input-quality effects measured on one machine hold on the other?
 */
import type { HarnessRun } from "../../data/harness";
import { median, quantile } from "../../util/stats";
import { bootstrapCI, pearson } from "../stats/correlation";
import { factorEffectTable } from "../screening/factorEffects";
import { DEFAULT_MEASURE, stepTime, type TimeMeasure } from "../../data/stepRows";

/** One machine's runs with their input checksums (`readInputChecksums`). */
export interface HostSide {
  readonly label: string;
  readonly runs: readonly HarnessRun[];
  readonly inputs: ReadonlyMap<string, string>;
}

export interface RunPairing {
  readonly labelA: string;
  readonly labelB: string;
  /** Unloaded runs with the same run id on both hosts and identical input checksums. */
  readonly pairs: ReadonlyArray<{ readonly runId: string; readonly a: HarnessRun; readonly b: HarnessRun }>;
  /** Run ids of B with no run on A. */
  readonly unmatched: readonly string[];
  /** Run ids on both hosts whose inputs differ or lack a checksum: not comparable, reported. */
  readonly inputMismatch: readonly string[];
  /** Run ids left out because either side ran under a co-located load. */
  readonly loaded: readonly string[];
}

/** Pair B's runs with A's by run id, keeping only pairs proven to have had the same input. */
export function pairRuns(a: HostSide, b: HostSide): RunPairing {
  const byId = new Map(a.runs.map((r) => [r.runId, r] as const));
  const pairs: Array<{ runId: string; a: HarnessRun; b: HarnessRun }> = [];
  const unmatched: string[] = [];
  const inputMismatch: string[] = [];
  const loaded: string[] = [];
  for (const rb of b.runs) {
    const ra = byId.get(rb.runId);
    if (!ra) {
      unmatched.push(rb.runId);
      continue;
    }
    const ia = a.inputs.get(rb.runId);
    if (ia === undefined || ia !== b.inputs.get(rb.runId)) inputMismatch.push(rb.runId);
    else if (ra.loadLabel !== "none" || rb.loadLabel !== "none") loaded.push(rb.runId);
    else pairs.push({ runId: rb.runId, a: ra, b: rb });
  }
  return { labelA: a.label, labelB: b.label, pairs, unmatched, inputMismatch, loaded };
}

/** How much slower (>1) or faster (<1) a step is on host B than on host A, same inputs. */
export interface HostStepRatio<S extends string = string> {
  readonly step: S;
  readonly pairs: number;
  /** Median over pairs of time on B / time on A. */
  readonly medianRatio: number;
  /** 95% percentile-bootstrap CI of that median (pairs resampled). */
  readonly ciLo: number;
  readonly ciHi: number;
  /** Interquartile range of the per-pair ratios: narrow = the machine is a constant multiplier. */
  readonly q25: number;
  readonly q75: number;
}

/** Time on B / time on A of one step, per pair that has it on both (all pairs, or those at `idx`). */
export function pairRatios(p: RunPairing, step: string, measure: TimeMeasure = DEFAULT_MEASURE, idx?: readonly number[]): number[] {
  const ratios: number[] = [];
  for (const pair of idx ? idx.map((i) => p.pairs[i]) : p.pairs) {
    if (!pair) continue;
    const ta = stepTime(pair.a, step, measure);
    const tb = stepTime(pair.b, step, measure);
    if (ta !== undefined && tb !== undefined) ratios.push(tb / ta);
  }
  return ratios;
}

export function hostStepRatios<S extends string>(p: RunPairing, steps: readonly S[], measure: TimeMeasure = DEFAULT_MEASURE, opts: { reps?: number; seed?: number } = {}): HostStepRatio<S>[] {
  return steps.flatMap((step) => {
    const ratios = pairRatios(p, step, measure);
    if (ratios.length < 2) return [];
    const ci = bootstrapCI(ratios.length, (idx) => median(idx.map((i) => ratios[i] as number)), { reps: opts.reps ?? 1000, seed: opts.seed ?? 1 });
    return [{ step, pairs: ratios.length, medianRatio: ci.estimate, ciLo: ci.lo, ciHi: ci.hi, q25: quantile(ratios, 0.25), q75: quantile(ratios, 0.75) }];
  });
}

/** One factor × step effect (extreme level / baseline, one-factor runs) measured on each host. */
export interface EffectReplicationRow {
  readonly factor: string;
  readonly step: string;
  readonly extremeLevel: number | string;
  readonly ratioA: number;
  readonly ratioB: number;
  /** Run-to-run noise (median CV of identical reruns) on each host. */
  readonly noiseCvA: number;
  readonly noiseCvB: number;
  /** log2(ratioB / ratioA): 0 = the effect is the same size on both machines. */
  readonly log2Diff: number;
}

/**
 * The one-factor effect table computed separately on each host's paired runs (so both sides use the
 * same design rows), joined cell by cell.
 */
export function effectReplication(p: RunPairing, factors: readonly string[], steps: readonly string[], measure: TimeMeasure = DEFAULT_MEASURE): EffectReplicationRow[] {
  const fa = factorEffectTable(p.pairs.map((x) => x.a), factors, steps, measure);
  const fb = new Map(factorEffectTable(p.pairs.map((x) => x.b), factors, steps, measure).map((r) => [`${r.factor}\t${r.step}\t${r.extremeLevel}`, r] as const));
  return fa.flatMap((ra) => {
    const rb = fb.get(`${ra.factor}\t${ra.step}\t${ra.extremeLevel}`);
    if (!rb || !(ra.ratio > 0) || !(rb.ratio > 0)) return [];
    return [{ factor: ra.factor, step: ra.step, extremeLevel: ra.extremeLevel, ratioA: ra.ratio, ratioB: rb.ratio, noiseCvA: ra.noiseCv, noiseCvB: rb.noiseCv, log2Diff: Math.log2(rb.ratio / ra.ratio) }];
  });
}

export interface ReplicationSummary {
  readonly cells: number;
  /** Pearson r of log effect on A vs log effect on B over all factor × step cells. */
  readonly logPearson: number;
  /** Cells whose effect on A is beyond its noise (|ratio − 1| > 2 CV). */
  readonly realOnA: number;
  /** …of those, how many move in the same direction on B and are beyond B's noise too. */
  readonly replicatedOnB: number;
  /** Median |log2(ratioB / ratioA)| over the cells real on A. */
  readonly medianAbsLog2Diff: number;
}

export function replicationSummary(rows: readonly EffectReplicationRow[]): ReplicationSummary {
  const real = rows.filter((r) => Math.abs(r.ratioA - 1) > 2 * r.noiseCvA);
  const replicated = real.filter((r) => Math.sign(r.ratioA - 1) === Math.sign(r.ratioB - 1) && Math.abs(r.ratioB - 1) > 2 * r.noiseCvB);
  return {
    cells: rows.length,
    logPearson: pearson(rows.map((r) => Math.log(r.ratioA)), rows.map((r) => Math.log(r.ratioB))),
    realOnA: real.length,
    replicatedOnB: replicated.length,
    medianAbsLog2Diff: median(real.map((r) => Math.abs(r.log2Diff))),
  };
}

/**
 * Median wall / CPU seconds of a step over unloaded runs: 1 for a step that kept one core busy,
 * 0.5 for one that kept two busy. Reads as "how much of its threads' parallelism did the machine give".
 */
export function medianWallOverCpu(runs: readonly HarnessRun[], step: string): number {
  const r: number[] = [];
  for (const run of runs) {
    if (run.loadLabel !== "none") continue;
    const w = stepTime(run, step, "wallS");
    const c = stepTime(run, step, "cpuS");
    if (w !== undefined && c !== undefined && c > 0) r.push(w / c);
  }
  return r.length ? median(r) : NaN;
}
