import type { Command } from "../command";

/**
 * Every subcommand, loaded only when it runs: each pulls in a different part of the library (DuckDB,
 * the models, the QC parsers), and a `gwtime qc` run should not pay for the others' start-up.
 * Adding a command is one file plus one line here.
 */
export const COMMAND_LOADERS: Readonly<Record<string, () => Command>> = {
  calibrate: () => (require("./calibrate") as typeof import("./calibrate")).calibrateCommand,
  datasets: () => (require("./datasets") as typeof import("./datasets")).datasetsCommand,
  export: () => (require("./export") as typeof import("./export")).exportCommand,
  model: () => (require("./model") as typeof import("./model")).modelCommand,
  predict: () => (require("./predict") as typeof import("./predict")).predictCommand,
  qc: () => (require("./qc") as typeof import("./qc")).qcCommand,
  report: () => (require("./report") as typeof import("./report")).reportCommand,
  traces: () => (require("./traces") as typeof import("./traces")).tracesCommand,
  train: () => (require("./train") as typeof import("./train")).trainCommand,
};

/** All commands (loads every one; for help text). */
export function allCommands(): Command[] {
  return Object.values(COMMAND_LOADERS).map((load) => load());
}
