import type { Matrix } from "../../models/estimator";
import { estimatorOutOfFold } from "../../models/evaluate/outOfFold";
import { tailScores, type TailScores } from "../../models/evaluate/scores";
import { groupKFold, kFold, type Fold } from "../../models/evaluate/splits";
import { TailRiskClassifier } from "../../models/tail";
import { color } from "../../plots/builders";
import { type Figure, round } from "../../plots/figure";

/** Cross-validated evaluation of a tail-risk classifier: the tail scores of its out-of-fold probabilities. */
export interface TailEvaluation extends TailScores {
  readonly name: string;
  readonly n: number;
  readonly k: number;
}

/**
 * Out-of-fold tail probabilities: each fold fits the classifier (which also fits its comparable-run
 * medians) on the training rows and labels the held-out rows against those medians.
 */
export function evaluateTail(name: string, template: TailRiskClassifier, X: Matrix, yLog: ArrayLike<number>, opts: { groups?: readonly string[]; k?: number; seed?: number; threshold?: number } = {}): TailEvaluation {
  const n = X.length;
  const folds: Fold[] = opts.groups ? groupKFold(Math.min(opts.k ?? 5, new Set(opts.groups).size), opts.groups, opts.seed ?? 7) : kFold(opts.k ?? 5, n, opts.seed ?? 7);
  // Held-out rows are labelled against the comparable-run medians of the training rows only.
  const { values } = estimatorOutOfFold(template, X, yLog, folds, (m, Xt, yt) => ({ prob: m.predictProba(Xt), label: m.labels(Xt, yt) }));
  return { name, n, k: template.params.k, ...tailScores(values.label, values.prob, opts.threshold) };
}

/** Reliability diagram of several tail models (predicted vs observed tail rate, marker size ~ count). */
export function reliabilityFigure(evals: readonly TailEvaluation[], title: string): Figure {
  return {
    data: [
      { type: "scatter", mode: "lines", x: [0, 1], y: [0, 1], name: "perfect calibration", line: { dash: "dot", color: "#999" } },
      ...evals.map((e, i) => ({
        type: "scatter" as const,
        mode: "lines+markers",
        name: `${e.name} (n=${e.n}, ${round(100 * e.prevalence, 3)}% tail)`,
        x: e.reliability.map((b) => round(b.meanPredicted, 4)),
        y: e.reliability.map((b) => round(b.observedRate, 4)),
        text: e.reliability.map((b) => `${b.count} runs`),
        marker: { size: e.reliability.map((b) => Math.min(18, 4 + Math.log10(1 + b.count) * 3)), color: color(i) },
        line: { color: color(i) },
      })),
    ],
    layout: { title: { text: title }, xaxis: { title: { text: "predicted tail probability" }, range: [0, 1] }, yaxis: { title: { text: "observed tail rate" }, range: [0, 1] }, height: 480 },
  };
}
