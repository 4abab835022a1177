export * from "./correlation";
