import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/** The project root: the nearest folder above this module holding gwtime's package.json. */
export function projectRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "data", "datasets.json"))) return dir;
    const up = dirname(dir);
    if (up === dir) return resolve(__dirname, "..", "..");
    dir = up;
  }
}

/**
 * The local mirror of public datasets: `GWT_DATA_MIRROR`, else `../shared/datasets` beside the
 * project when it exists. `undefined` when neither is there.
 */
export function mirrorRoot(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const explicit = env["GWT_DATA_MIRROR"];
  if (explicit) return resolve(explicit);
  const beside = resolve(projectRoot(), "..", "shared", "datasets");
  return existsSync(beside) ? beside : undefined;
}

/** Download cache (git-ignored). */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env["GWT_DATA_CACHE"] ?? join(projectRoot(), "data", "external"));
}
