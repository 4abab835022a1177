export * from "./designEffects";
export * from "./factorEffects";
export * from "./featureEffects";
export * from "./figures";
export * from "./mechanisms";
export * from "./stepTable";
