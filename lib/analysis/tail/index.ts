export * from "./attribution";
export * from "./evaluation";
export * from "./tailTable";
