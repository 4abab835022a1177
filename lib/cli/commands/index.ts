import type { Command } from "../command";
import { datasetsCommand } from "./datasets";
import { reportCommand } from "./report";

/** Every subcommand; adding one is one file plus one line here. */
export const COMMANDS: readonly Command[] = [datasetsCommand, reportCommand];
