/**
 * Every value transform gwtime applies, forward and inverse, in one place: feature transforms
 * (screening, model inputs, the linear models' own signed log) and target transforms (log time).
 * Fitting, prediction, export and `gwtime train` call `forward`/`inverse`; nothing else writes
 * `Math.log1p`/`Math.log10`/`Math.exp` on a feature or a target.
 */

/** A named transform. */
export type TransformName = "identity" | "log" | "log10" | "log1p" | "signedLog1p" | "logit";

/** Every transform, for validation and docs. */
export const TRANSFORMS: readonly TransformName[] = ["identity", "log", "log10", "log1p", "signedLog1p", "logit"];

/** Transforms a model file may declare for a feature (what `featureMatrix` applies before the estimator). */
export const MODEL_FEATURE_TRANSFORMS = ["identity", "log1p"] as const;
export type ModelFeatureTransform = (typeof MODEL_FEATURE_TRANSFORMS)[number];

/** Transforms a model file may declare for its target ("log": the model predicts ln(value)). */
export const MODEL_TARGET_TRANSFORMS = ["log", "identity"] as const;
export type ModelTargetTransform = (typeof MODEL_TARGET_TRANSFORMS)[number];

/** logit clamps its probability into [LOGIT_EPS, 1 - LOGIT_EPS]. */
export const LOGIT_EPS = 1e-6;

/**
 * Apply transform `t` to `v`. Non-finite input gives NaN (a missing value stays missing).
 * - `identity`: v;
 * - `log`: ln v (targets: run time in seconds), NaN for v <= 0;
 * - `log10`: log10 v, NaN for v <= 0 (screening of sizes);
 * - `log1p`: ln(1 + max(0, v)) (model size features: counts and bytes, a negative value is taken as 0);
 * - `signedLog1p`: sign(v) ln(1 + |v|) (the linear models' own input transform; keeps a negative value's sign);
 * - `logit`: ln(p / (1 - p)) with p clamped to [1e-6, 1 - 1e-6].
 * @example forward("log1p", 99) // ≈ 4.605
 */
export function forward(t: TransformName, v: number): number {
  if (!Number.isFinite(v)) return NaN;
  switch (t) {
    case "identity":
      return v;
    case "log":
      return v > 0 ? Math.log(v) : NaN;
    case "log10":
      return v > 0 ? Math.log10(v) : NaN;
    case "log1p":
      return Math.log1p(Math.max(0, v));
    case "signedLog1p":
      return Math.sign(v) * Math.log1p(Math.abs(v));
    case "logit": {
      const p = Math.min(1 - LOGIT_EPS, Math.max(LOGIT_EPS, v));
      return Math.log(p / (1 - p));
    }
  }
}

/**
 * Undo transform `t` (back to the original unit): `inverse(t, forward(t, v)) ≈ v` on each transform's
 * domain (log1p: v >= 0; logit: v in [1e-6, 1 - 1e-6]).
 * @example inverse("log", Math.log(30)) // 30
 */
export function inverse(t: TransformName, y: number): number {
  switch (t) {
    case "identity":
      return y;
    case "log":
      return Math.exp(y);
    case "log10":
      return 10 ** y;
    case "log1p":
      return Math.expm1(y);
    case "signedLog1p":
      return Math.sign(y) * Math.expm1(Math.abs(y));
    case "logit":
      return 1 / (1 + Math.exp(-y));
  }
}

/** Is `t` a transform name (for validating files and tables)? */
export function isTransform(t: unknown): t is TransformName {
  return typeof t === "string" && (TRANSFORMS as readonly string[]).includes(t);
}

/**
 * The model-input transform of a feature whose registry transform is `t`: size-like transforms
 * (`log10`, `log1p`) become `log1p` (defined at 0, the shipped models' choice), the others `identity`
 * (the linear models add their own `signedLog1p` on every input). Screening uses the registry's
 * transform itself.
 */
export function modelFeatureTransform(t: TransformName): ModelFeatureTransform {
  return t === "log10" || t === "log1p" ? "log1p" : "identity";
}
