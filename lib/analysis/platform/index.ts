export * from "./platformTail";
