export * from "./figures";
export * from "./replication";
export * from "./transfer";
export * from "./calibrationCurve";
