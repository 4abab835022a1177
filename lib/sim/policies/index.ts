/** The scheduling policies, one file each; all implement `Policy`. */
export { staticLimit, stepLimitsFromHistory, escalate, limitOf } from "./staticLimit";
export { maxPrevious } from "./maxPrevious";
export { predictedQuantile, predictedUpper, type UpperQuantile } from "./predictedQuantile";
export { shortestPredictedFirst, longestPredictedFirst } from "./order";
export { tailFirst, tailPartition } from "./tailAware";
export { lateSpeculation } from "./speculation";
export { oracle, noLimit } from "./oracle";
