/** gwtime: the typed library behind the notebooks and the CLI. */
export { VERSION } from "./version";
export * from "./util/errors";
export * from "./util/units";
export * from "./util/stats";
export * from "./util/hash";
export * from "./data";
