export * from "./platformTail";
export * from "./loadAtSubmission";
