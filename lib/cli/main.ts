#!/usr/bin/env node
import { errorMessage } from "../util/errors";
import { terminalSafe, terminalSafeLines } from "../util/safeText";
import { VERSION } from "../version";
import { COMMAND_LOADERS, allCommands } from "./commands";

function help(): string {
  return [`gwtime ${VERSION}: genomics workflow run-time and tail-risk tools`, "", "commands:", ...allCommands().map((c) => `  ${c.usage}\n      ${c.summary}`)].join("\n");
}

/** CLI entry: dispatch to one subcommand; errors to stderr, exit 1. */
export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(`${help()}\n`);
    return name ? 0 : 1;
  }
  if (name === "--version") {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const load = Object.prototype.hasOwnProperty.call(COMMAND_LOADERS, name) ? COMMAND_LOADERS[name] : undefined;
  if (!load) {
    process.stderr.write(`gwtime: unknown command '${terminalSafe(name)}'\n\n${help()}\n`);
    return 1;
  }
  try {
    return await load().run(rest);
  } catch (e) {
    process.stderr.write(`gwtime ${name}: ${terminalSafeLines(errorMessage(e))}\n`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
}
