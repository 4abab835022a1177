/** Model types a model file may name, and how to rebuild each from plain data (no code from the file). */
import type { ModelState, Regressor } from "./estimator";
import { LogLinearSize, MedianBaseline } from "./baseline";
import { SplitConformal } from "./conformal";
import { GradientBoostedTrees } from "./gbt/gbt";
import { LinearRidge } from "./ridge";
import { LinearOLS } from "./mlLinear";
import { MlRandomForest } from "./mlRandomForest";
import { RuntimePredictor } from "./runtime";
import { TailRiskClassifier } from "./tail";
import { ModelFormatError, obj } from "./shape";

const BUILDERS: Readonly<Record<string, (s: ModelState) => Regressor>> = {
  MedianBaseline: (s) => MedianBaseline.fromJSON(s),
  LogLinearSize: (s) => LogLinearSize.fromJSON(s),
  LinearRidge: (s) => LinearRidge.fromJSON(s),
  LinearOLS: (s) => LinearOLS.fromJSON(s),
  MlRandomForest: (s) => MlRandomForest.fromJSON(s),
  GradientBoostedTrees: (s) => GradientBoostedTrees.fromJSON(s),
  SplitConformal: (s) => SplitConformal.fromJSON(s, rebuildModel),
  TailRiskClassifier: (s) => TailRiskClassifier.fromJSON(s, rebuildModel),
  RuntimePredictor: (s) => RuntimePredictor.fromJSON(s, rebuildModel),
};

/** Names of the model types gwtime can load. */
export const MODEL_TYPES: readonly string[] = Object.keys(BUILDERS);

/** Rebuild a model from its toJSON() snapshot; unknown types are refused. */
export function rebuildModel(s: ModelState): Regressor {
  const o = obj(s, "model");
  if (typeof o.type !== "string" || !Object.prototype.hasOwnProperty.call(BUILDERS, o.type)) {
    throw new ModelFormatError(`unknown model type '${String(o.type)}' (known: ${MODEL_TYPES.join(", ")})`);
  }
  obj(o.params, `${o.type}.params`);
  return (BUILDERS[o.type] as (s: ModelState) => Regressor)(s);
}
