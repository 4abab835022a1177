import { join } from "node:path";
import { mirrorRoot, projectRoot } from "../data/paths";

/** Test helpers: the dataset mirror folder and this module's fixtures (in lib/, not copied to dist/). */
export function datasetDir(id: string): string {
  const m = mirrorRoot();
  if (!m) throw new Error("no dataset mirror (set GWT_DATA_MIRROR or provide ../shared/datasets)");
  return join(m, id);
}

/** `skip` value for tests that read the dataset mirror: false when it exists, the reason otherwise. */
export const NO_MIRROR: false | string = mirrorRoot() ? false : "dataset mirror absent (set GWT_DATA_MIRROR or place ../shared/datasets): skipped";

export function fixture(name: string): string {
  return join(projectRoot(), "lib", "traces", "fixtures", name);
}
