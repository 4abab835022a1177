/** The questions the notebooks ask, one folder per question, each with its figures. */
export * from "./stats";
export * from "./screening";
export * from "./prediction";
export * from "./tail";
export * from "./hosts";
export * from "./platform";
export * from "./load";
export * as reproduce from "./reproduce";
