/** Models: one estimator contract, baselines, ridge, OLS, random forests, our GBT, intervals, tail risk, model files. */
export { NotFittedError, ModelInputError, clone, type Matrix, type ModelState, type Regressor } from "./estimator";
export { MedianBaseline, LogLinearSize, THEIL_SEN_MAX_ROWS, type MedianBaselineParams, type LogLinearSizeParams } from "./baseline";
export { LinearRidge, type LinearRidgeParams } from "./ridge";
export { LinearOLS, type LinearOLSParams } from "./mlLinear";
export { MlRandomForest, type MlRandomForestParams } from "./mlRandomForest";
export { GradientBoostedTrees, GBT_DEFAULTS, type GBTParams, type Forest } from "./gbt/gbt";
export { SplitConformal, conformalQuantile, type SplitConformalParams, type Interval } from "./conformal";
export { TailRiskClassifier, isotonicFit, isotonicPredict, type TailRiskParams } from "./tail";
export { RuntimePredictor, type RuntimePredictorParams, type RuntimePrediction } from "./runtime";
export { featureMatrix, missingFeatures, type FeatureSpec, type FeatureTransform, type FeatureRecord } from "./features";
export { SCHEMA_VERSION, canonicalJSON, trainingDataSha256, modelToJSON, saveModel, parseModel, loadModel, ModelLoadError, type ModelFile, type ModelMeta, type TargetSpec, type LoadedModel, type LoadOptions } from "./serialize";
export { MODEL_TYPES, rebuildModel } from "./registry";
export { ModelFormatError } from "./shape";
export { modelCard } from "./modelCard";
export { predictRuntime, type SamplePrediction } from "./predict";
export * from "./evaluate";
