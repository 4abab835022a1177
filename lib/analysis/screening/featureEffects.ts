import type { FeatureDef } from "../../features/types";
/** Re-exported for callers of the analysis barrel; the implementation is in util/stats. */
export { clusterResample } from "../../util/stats";
import { clusterResample, rng, tailFlags } from "../../util/stats";
import { mutualInformation, partialCorrelation, pearson, residualize, spearman } from "../stats/correlation";
import type { StepTable } from "./stepTable";
import { quantileBins } from "../tail/tailTable";

/** Association of one feature with one step's (log) run time. */
export interface FeatureEffect {
  readonly step: string;
  readonly feature: string;
  readonly kind: "size" | "quality";
  readonly n: number;
  readonly pearson: number;
  readonly spearman: number;
  /** Partial Spearman controlling for the size feature(s): quality effects must not be size in disguise. */
  readonly partial: number;
  readonly partialLo: number;
  readonly partialHi: number;
  /** Mutual information (nats) of the feature with the size-adjusted log time (residual). */
  readonly mi: number;
  /** Hypothesis from the registry: the feature was expected to affect this step. */
  readonly expected: boolean;
}


/** Residual of log time after regressing on the controls (for MI on the size-adjusted signal). */
function logTime(t: StepTable): number[] {
  return t.time.map((v) => Math.log(v));
}

/**
 * Per-feature statistics for one step: Pearson and Spearman with log time, partial Spearman
 * controlling for `controls` (size feature names) with a cluster-bootstrap CI, and MI.
 * Size features themselves get their plain correlation as "partial" (nothing to control for).
 */
export function featureEffects(t: StepTable, defs: readonly FeatureDef[], controls: readonly string[], opts: { reps?: number; seed?: number; minN?: number } = {}): FeatureEffect[] {
  const y = logTime(t);
  const ctrl = controls.map((c) => t.features[c] ?? []);
  const reps = opts.reps ?? 300;
  const out: FeatureEffect[] = [];
  for (const d of defs) {
    const x = t.features[d.name];
    if (!x) continue;
    const finite = x.filter((v) => Number.isFinite(v));
    const n = finite.length;
    const varies = new Set(finite.map((v) => v.toPrecision(6))).size > 2;
    if (n < (opts.minN ?? 8) || !varies) continue;
    const isControl = controls.includes(d.name);
    const Z = isControl ? [] : ctrl;
    const stat = (idx: readonly number[]): number =>
      partialCorrelation(idx.map((i) => x[i] as number), idx.map((i) => y[i] as number), Z.map((z) => idx.map((i) => z[i] as number)), { rank: true });
    const est = stat([...x.keys()]);
    const rand = rng((opts.seed ?? 11) + d.name.length * 7919 + t.step.length);
    const boots: number[] = [];
    for (let r = 0; r < reps; r++) {
      const v = stat(clusterResample(t.groups, rand));
      if (Number.isFinite(v)) boots.push(v);
    }
    boots.sort((a, b) => a - b);
    const q = (p: number): number => (boots.length ? (boots[Math.min(boots.length - 1, Math.floor(p * boots.length))] as number) : NaN);
    // MI against the size-adjusted time, so size does not dominate every feature's score.
    const yAdj = Z.length ? residualOf(y, Z) : y;
    out.push({
      step: t.step,
      feature: d.name,
      kind: d.kind,
      n,
      pearson: pearson(x, y),
      spearman: spearman(x, y),
      partial: est,
      partialLo: q(0.025),
      partialHi: q(0.975),
      mi: mutualInformation(x, yAdj),
      expected: d.affects.includes(t.step),
    });
  }
  return out.sort((a, b) => Math.abs(b.partial) - Math.abs(a.partial) || a.feature.localeCompare(b.feature));
}


function residualOf(y: readonly number[], Z: readonly (readonly number[])[]): number[] {
  const ok = y.map((_, i) => Z.every((z) => Number.isFinite(z[i] as number)));
  const idx = [...y.keys()].filter((i) => ok[i]);
  const res = residualize(idx.map((i) => y[i] as number), Z.map((z) => idx.map((i) => z[i] as number)));
  const out = y.map(() => NaN);
  idx.forEach((i, j) => (out[i] = res[j] as number));
  return out;
}

/** The first `n` effects of each step, in the given order (e.g. by |partial correlation|, as `featureEffects` sorts them). */
export function topPerStep<E extends { readonly step: string }>(effects: readonly E[], n: number): E[] {
  const seen = new Map<string, number>();
  return effects.filter((e) => {
    const c = seen.get(e.step) ?? 0;
    seen.set(e.step, c + 1);
    return c < n;
  });
}

/** Mann–Whitney AUC: probability that a random positive has a higher value than a random negative. */
export function aucOf(values: readonly number[], positive: readonly boolean[]): number {
  const pos: number[] = [];
  const neg: number[] = [];
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) return;
    (positive[i] ? pos : neg).push(v);
  });
  if (!pos.length || !neg.length) return NaN;
  let wins = 0;
  for (const p of pos) for (const q of neg) wins += p > q ? 1 : p === q ? 0.5 : 0;
  return wins / (pos.length * neg.length);
}

/** Per step: how many tail runs, and the quality features that best separate them (by |AUC - 0.5|). */
export interface TailSeparationRow {
  readonly step: string;
  readonly runs: number;
  readonly tailRuns: number;
  readonly best: ReadonlyArray<{ feature: string; auc: number }>;
}

/**
 * Tail runs of each step (time > k x the median of runs in the same read-count quartile) and the
 * quality features that separate them from the rest.
 */
export function tailSeparation(tables: readonly StepTable[], defs: readonly FeatureDef[], k = 1.5, top = 4, sizeFeature = "reads"): TailSeparationRow[] {
  return tables.map((t) => {
    const strata = quantileBins(t.features[sizeFeature] ?? t.time.map(() => 0), 4);
    const flags = tailFlags(t.time, strata, k);
    const best = defs
      .filter((f) => f.kind === "quality" && t.features[f.name])
      .map((f) => ({ feature: f.name, auc: aucOf(t.features[f.name] as number[], flags) }))
      .filter((x) => Number.isFinite(x.auc))
      .sort((a, b) => Math.abs(b.auc - 0.5) - Math.abs(a.auc - 0.5) || a.feature.localeCompare(b.feature))
      .slice(0, top);
    return { step: t.step, runs: t.time.length, tailRuns: flags.filter(Boolean).length, best };
  });
}
