import type { Command } from "../command";
import { datasetsCommand } from "./datasets";
import { predictCommand } from "./predict";
import { qcCommand } from "./qc";
import { reportCommand } from "./report";
import { tracesCommand } from "./traces";

/** Every subcommand; adding one is one file plus one line here. */
export const COMMANDS: readonly Command[] = [datasetsCommand, predictCommand, qcCommand, reportCommand, tracesCommand];
