export * from "./sampleNames";
export * from "./qcSource";
export * from "./join";
export * from "./availability";
export * from "./features";
export * from "./fit";
export * from "./train";
export * from "./sample";
