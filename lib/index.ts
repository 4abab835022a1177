/** gwtime: the typed library behind the notebooks and the CLI. */
export { VERSION } from "./version";
export * from "./util/errors";
export * from "./util/units";
export * from "./util/stats";
export * from "./util/hash";
export * as transforms from "./util/transforms";
export * from "./data";
export * as qc from "./qc";
export * as traces from "./traces";
export * as features from "./features";
export * as models from "./models";
export * as plots from "./plots";
export * as report from "./report";
export * as analysis from "./analysis";
export * as workflow from "./workflow";
export * as sim from "./sim";
export * as train from "./train";
