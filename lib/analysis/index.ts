export * from "./tail";
export * from "./correlation";
export * from "./platform";
export * from "./load";
