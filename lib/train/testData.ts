/** Test helpers: the real nf-core runs in the dataset mirror (undefined when absent) and the harness. */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { mirrorRoot, projectRoot } from "../data/paths";

/** `<mirror>/nfcore-runs/<id>/results`, or undefined when the mirror is absent. */
export function nfcoreRun(id: "crispriscreen-cbbmlargelibrary" | "sarek-fuzzylife"): string | undefined {
  const m = mirrorRoot();
  const d = m ? join(m, "nfcore-runs", id, "results") : undefined;
  return d && existsSync(d) ? d : undefined;
}

export const NO_NFCORE = "nfcore-runs mirror absent (set GWT_DATA_MIRROR or place ../shared/datasets): skipped";

export const CRISPR_TRACE = "pipeline_info/execution_trace_2024-11-10_10-13-19.txt";

/** The committed harness dataset and the first `n` of its run folders (design order). */
export function harness(n: number): { dir: string; trace: string; design: string; runDirs: string[] } {
  const dir = join(projectRoot(), "data", "harness");
  const runDirs: string[] = [];
  for (let i = 1; runDirs.length < n && i < 10000; i++) {
    const d = join(dir, "runs", `r${String(i).padStart(4, "0")}`);
    if (existsSync(join(d, "run.json"))) runDirs.push(d);
  }
  return { dir, trace: join(dir, "trace.tsv"), design: join(dir, "design.tsv"), runDirs };
}

/** The lib/train fixtures folder (in lib/, not copied to dist/). */
export function trainFixture(name: string): string {
  return join(projectRoot(), "lib", "train", "fixtures", name);
}
