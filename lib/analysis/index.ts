export * from "./tail";
export * from "./correlation";
export * from "./platform";
export * from "./load";
export * from "./stepTable";
export * from "./featureEffects";
export * from "./factorEffects";
export * from "./figures";
