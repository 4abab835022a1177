/** Workflow dependency graphs and what they say is known when a step starts. */
export * from "./dag";
export * from "./harnessDag";
export * from "./observed";
export * from "./moment";
