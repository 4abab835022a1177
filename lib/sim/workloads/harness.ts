/**
 * The DNA-seq harness as a simulator workload: each harness run is one workflow (the DAG of
 * harness/Snakefile), each step a task with its recorded wall time, its requested cpus, and an
 * out-of-fold prediction (grouped by input configuration; trained on runs without a co-located
 * load, so the loaded runs' slowness is machine-induced and unseen by the model).
 */
import { featuresForStep, specOf, stepData } from "../../analysis";
import type { HarnessRun } from "../../features/harness";
import { featureMatrix, GradientBoostedTrees, LinearRidge, TailRiskClassifier } from "../../models";
import { median } from "../../util/stats";
import { HARNESS_DAG as WORKFLOW_DAG } from "../../workflow";
import type { Prediction, SimTask, SimWorkflow } from "../types";
import { oofPredictions, predictionQuality } from "./oof";

/**
 * Steps of one harness run and what each waits for: the workflow's DAG (lib/workflow, checked against
 * `snakemake --rulegraph`) without the input simulation, which is not a step of a real pipeline.
 */
export const HARNESS_DAG: ReadonlyArray<{ step: string; after: readonly string[] }> = WORKFLOW_DAG.steps
  .filter((step) => step !== "simulate")
  .map((step) => ({ step, after: WORKFLOW_DAG.edges.filter(([a, b]) => b === step && a !== "simulate").map(([a]) => a) }));

export interface HarnessWorkload {
  /** One workflow per complete run, arrival 0 (set arrivals with poissonWorkload / replayWorkload). */
  readonly workflows: SimWorkflow[];
  /** Submit time (epoch ms) of each workflow's first step, for replayed arrivals. */
  readonly submitMs: number[];
  /** Whether each workflow ran next to a co-located load (machine-induced slowness). */
  readonly loaded: boolean[];
  /** Runs left out and why (a step missing or failed). */
  readonly skipped: Array<{ runId: string; reason: string }>;
  /** Out-of-fold prediction quality per step (all runs, loaded included). */
  readonly quality: Array<{ step: string } & ReturnType<typeof predictionQuality>>;
}

/** Tail classifier settings of notebook 06 for the small harness tables. */
const harnessTail = (seed: number): TailRiskClassifier =>
  new TailRiskClassifier({ k: 1.5, sizeFeature: 0, sizeBins: 4, classifier: new GradientBoostedTrees({ loss: "logistic", nEstimators: 100, learningRate: 0.05, numLeaves: 4, minSamplesLeaf: 3, seed }), seed });

/**
 * Build the workload. The point model is ridge (alpha 1) on the QC features known before each step
 * (notebook 05's ablation model); the rerun time of a loaded run's step is the median wall time of
 * the same step on unloaded runs of the same input (else its CPU time over the step's median CPU/wall).
 */
export function harnessWorkload(runs: readonly HarnessRun[], opts: { k?: number; seed?: number } = {}): HarnessWorkload {
  const seed = opts.seed ?? 7;
  const preds = new Map<string, Map<string, Prediction>>();
  const quality: HarnessWorkload["quality"] = [];
  for (const { step } of HARNESS_DAG) {
    const d = stepData(runs, step, "wallS", { includeLoaded: true });
    const loaded = new Set(runs.filter((r) => r.loadLabel !== "none").map((r) => r.runId));
    const trainable = d.ids.map((id) => !loaded.has(id));
    const X = featureMatrix(d.records, featuresForStep(step).map(specOf));
    const p = oofPredictions(X, d.yLog, d.groups, trainable, { point: new LinearRidge({ alpha: 1 }), tail: harnessTail(seed), k: opts.k ?? 5, seed });
    preds.set(step, new Map(d.ids.map((id, i) => [id, p[i] as Prediction])));
    quality.push({ step, ...predictionQuality(Array.from(d.yLog, Math.exp), p) });
  }
  // Rerun times for machine-slowed runs.
  const unloaded = runs.filter((r) => r.loadLabel === "none");
  const rerun = (r: HarnessRun, step: string, wallS: number): number => {
    if (r.loadLabel === "none") return wallS;
    const same = unloaded.filter((u) => u.configId === r.configId).map((u) => u.steps.get(step)?.wallS).filter((v): v is number => v !== undefined && v > 0);
    if (same.length) return Math.min(wallS, median(same));
    const ratios = unloaded.map((u) => u.steps.get(step)).filter((s) => s?.cpuS && s.wallS).map((s) => (s?.cpuS as number) / (s?.wallS as number));
    const cpu = r.steps.get(step)?.cpuS;
    return cpu && ratios.length ? Math.min(wallS, Math.max(cpu / median(ratios), 1e-3)) : wallS;
  };
  const workflows: SimWorkflow[] = [];
  const submitMs: number[] = [];
  const loadedFlags: boolean[] = [];
  const skipped: HarnessWorkload["skipped"] = [];
  const index = new Map(HARNESS_DAG.map((s, i) => [s.step, i]));
  for (const r of runs) {
    const tasks: SimTask[] = [];
    let reason = "";
    for (const { step, after } of HARNESS_DAG) {
      const t = r.steps.get(step);
      const pred = preds.get(step)?.get(r.runId);
      if (!t || !pred || !(t.wallS && t.wallS > 0)) {
        reason = `step ${step} ${t ? `status ${t.status ?? "?"}` : "missing"}`;
        break;
      }
      tasks.push({ step, cores: Math.max(1, t.cpusRequested ?? 1), trueS: t.wallS, rerunS: rerun(r, step, t.wallS), deps: after.map((a) => index.get(a) as number), pred });
    }
    if (reason) {
      skipped.push({ runId: r.runId, reason });
      continue;
    }
    workflows.push({ id: r.runId, arrivalS: 0, tasks });
    submitMs.push(Math.min(...[...r.steps.values()].map((s) => s.submitTime?.getTime() ?? Infinity)));
    loadedFlags.push(r.loadLabel !== "none");
  }
  return { workflows, submitMs, loaded: loadedFlags, skipped, quality };
}
