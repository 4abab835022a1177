export * from "./figure";
export * from "./builders";
export * from "./render";
export * from "./save";
export * from "./browser";
export * from "./export";
