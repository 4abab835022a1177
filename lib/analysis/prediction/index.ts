export * from "./stackedSteps";
export * from "./stepModels";
