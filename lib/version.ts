import { readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "./data/paths";

/** gwtime's version, read from package.json so there is one source of truth. */
export const VERSION: string = (JSON.parse(readFileSync(join(projectRoot(), "package.json"), "utf8")) as { version: string }).version;
