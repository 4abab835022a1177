export * from "./tail";
