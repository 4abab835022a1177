export * from "./types";
export * from "./steps";
export * from "./registry";
export * from "./derive";
export * from "./harness";
export * from "./qcRecords";
export * from "./tiers";
