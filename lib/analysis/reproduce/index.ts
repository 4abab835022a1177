/** Reproductions of past analyses and models, side by side with their published numbers (notebook 02). */
export * from "./relativeError";
export * from "./linear1d";
export * from "./ksTest";
export * from "./lotaru";
export * from "./galaxy";
export * from "./galaxyPlatform";
export * from "./galaxyNested";
export * from "./osre";
export * from "./figures";
