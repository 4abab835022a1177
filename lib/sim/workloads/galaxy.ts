/**
 * Galaxy jobs (usegalaxy.org dump, one table per tool) as a simulator workload: each job is a
 * single-task workflow with its recorded run time, its galaxy_slots as cores (1 when the table has
 * none), and an out-of-fold prediction (folds grouped by input sizes, so repeats of one input never
 * sit on both sides). The dump says nothing about the machine, so a rerun takes as long as the run.
 */
import type { GalaxyTable } from "../../features";
import { GradientBoostedTrees, TailRiskClassifier } from "../../models";
import { rng } from "../../util/stats";
import type { SimWorkflow } from "../types";
import { oofPredictions, predictionQuality } from "./oof";

/** A Galaxy tool table as notebooks load it (`analysis.loadGalaxyTable`). */
export type GalaxyToolTable = GalaxyTable & { readonly name: string; readonly Xsize: Float64Array[]; readonly yLog: Float64Array };

export interface GalaxyWorkload {
  readonly workflows: SimWorkflow[];
  readonly quality: Array<{ step: string } & ReturnType<typeof predictionQuality>>;
  /** Jobs per tool before and after the seeded subsample. */
  readonly jobs: Array<{ tool: string; available: number; used: number }>;
}

function sample(n: number, m: number, seed: number): number[] {
  const idx = Array.from({ length: n }, (_, i) => i);
  if (m >= n) return idx;
  const r = rng(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [idx[i], idx[j]] = [idx[j] as number, idx[i] as number];
  }
  return idx.slice(0, m).sort((a, b) => a - b);
}

/**
 * Build the workload from tool tables: at most `maxJobsPerTool` jobs per tool (seeded subsample),
 * features = total input size then the table's features; point model a GBT on log run time, tail
 * model P(run > 2x the median of comparable-size jobs). Cores are capped at `maxCores`.
 */
export function galaxyWorkload(tables: readonly GalaxyToolTable[], opts: { maxJobsPerTool?: number; maxCores?: number; k?: number; seed?: number } = {}): GalaxyWorkload {
  const seed = opts.seed ?? 7;
  const workflows: SimWorkflow[] = [];
  const quality: GalaxyWorkload["quality"] = [];
  const jobs: GalaxyWorkload["jobs"] = [];
  for (const t of tables) {
    const rows = sample(t.X.length, opts.maxJobsPerTool ?? 1500, seed);
    jobs.push({ tool: t.name, available: t.X.length, used: rows.length });
    const X = rows.map((i) => Float64Array.from([(t.Xsize[i] as Float64Array)[0] as number, ...(t.X[i] as Float64Array)]));
    const y = Float64Array.from(rows, (i) => t.yLog[i] as number);
    const groups = rows.map((i) => t.groups[i] as string);
    const preds = oofPredictions(X, y, groups, undefined, {
      point: new GradientBoostedTrees({ nEstimators: 100, learningRate: 0.1, numLeaves: 15, minSamplesLeaf: 20, seed }),
      tail: new TailRiskClassifier({ k: 2, sizeFeature: 0, classifier: new GradientBoostedTrees({ loss: "logistic", nEstimators: 100, learningRate: 0.05, numLeaves: 15, minSamplesLeaf: 20, seed }), seed }),
      k: opts.k ?? 5,
      seed,
    });
    const slots = t.featureNames.indexOf("galaxy_slots");
    rows.forEach((i, j) => {
      const s = slots >= 0 ? (t.X[i] as Float64Array)[slots] as number : NaN;
      const cores = Math.min(opts.maxCores ?? 16, Number.isFinite(s) && s >= 1 ? Math.round(s) : 1);
      workflows.push({ id: `${t.name}#${i}`, arrivalS: 0, tasks: [{ step: t.name, cores, trueS: t.runtimeS[i] as number, deps: [], pred: preds[j] }] });
    });
    quality.push({ step: t.name, ...predictionQuality(Array.from(y, Math.exp), preds) });
  }
  return { workflows, quality, jobs };
}
