/** Evaluation, separate from the models: splitters, metrics, cross-validation, ablation. */
export { kFold, groupKFold, type Fold } from "./splits";
export { r2, medianAPE, mae, intervalCoverage, meanIntervalWidth, precisionRecall, prAuc, brier, reliabilityBins, expectedCalibrationError, type ReliabilityBin } from "./metrics";
export { crossValidate, type CVOptions, type CVResult } from "./crossValidate";
export { ablation, type FeatureSet, type AblationOptions, type AblationRow } from "./ablation";
export { r2Difference, type R2Difference } from "./liftInterval";
export { outOfFold, estimatorOutOfFold, pointPrediction, boundToTrainingRange, type FoldIndices, type FoldOutputs, type OutOfFold, type Bounded } from "./outOfFold";
export { runtimeScores, foldScores, intervalScores, tailScores, type RuntimeScores, type TailScores } from "./scores";
