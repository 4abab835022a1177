export * from "./paths";
export * from "./registry";
export * from "./resolve";
export * from "./scanMirror";
export { ORIGINS } from "./origins";
export * from "./harness";
export * from "./stepRows";
