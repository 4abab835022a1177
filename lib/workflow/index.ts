export * from "./dag";
export * from "./harnessDag";
export * from "./observed";
