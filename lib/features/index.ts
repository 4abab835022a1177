export * from "./types";
export * from "./steps";
export * from "./registry";
export * from "./derive";
export * from "./harness";
export * from "./qcRecords";
export * from "./tiers";
export { readFeatureTable, featureTableFromText, ID_COLUMNS, type FeatureTable } from "./featureTable";
export { galaxyTable, type GalaxyTable } from "./galaxyTable";
