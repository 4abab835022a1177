export * from "./figures";
export * from "./replication";
export * from "./transfer";
