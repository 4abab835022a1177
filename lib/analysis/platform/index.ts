export * from "./platformTail";
export * from "./loadAtSubmission";
export * from "./finishedBefore";
