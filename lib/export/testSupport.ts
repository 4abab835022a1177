/**
 * Test helpers for lib/export: the real tools each check runs (found, or a skip reason saying why and
 * how to get it) and a small real batch: two committed harness runs' QC, plus hostile sample ids.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../data/paths";
import { qcFeatureRecords } from "../features/qcRecords";
import type { FeatureRecord } from "../models";

/** A tool's executable, or why it is missing. */
interface ToolFound {
  readonly path?: string;
  readonly skip: string | false;
}

function found(path: string, why: string): ToolFound {
  return existsSync(path) ? { path, skip: false } : { skip: why };
}

/** Groovy (Debian `groovy`), installed by scripts/ensure-groovy.sh (make tools). */
export function groovyTool(): ToolFound {
  const r = spawnSync("sh", ["-c", "command -v groovy"], { encoding: "utf8" });
  const p = r.status === 0 ? r.stdout.trim() : "";
  return p ? { path: p, skip: false } : { skip: "groovy not installed (Debian package 'groovy'; `make tools` installs it as root): Nextflow config check skipped" };
}

/** A console script of the check-tools venv (.venv-tools, `make tools`). */
export function venvTool(name: "multiqc" | "tpv"): ToolFound {
  return found(join(projectRoot(), ".venv-tools", "bin", name), `${name} not in .venv-tools (run \`make tools\`: pip install -r tools-requirements.txt): check skipped`);
}

/** Snakemake of the project's Python env (.venv, pinned in requirements.txt). */
export function snakemakeTool(): ToolFound {
  return found(join(projectRoot(), ".venv", "bin", "snakemake"), "snakemake not in .venv (run `make setup`): check skipped");
}

/** Committed harness runs used by the export tests (real QC of real runs). */
const HARNESS_RUNS = ["r0001", "r0002"] as const;

/** Sample ids no format may pass through unescaped. */
export const HOSTILE_IDS = ["it's \"quoted\"", "${System.exit(3)} $HOME \\n \\u000a", "back\\slash\nnew line\r\ttab", "'+ 'x' +'", "#: not a comment, [a]: {b}"] as const;

/**
 * QC feature records of the committed harness runs (one sample per run folder), or undefined when
 * the data folder is missing.
 */
export function harnessBatch(runs: readonly string[] = HARNESS_RUNS): { ids: string[]; records: FeatureRecord[] } | undefined {
  const dirs = runs.map((r) => join(projectRoot(), "data", "harness", "runs", r, "qc"));
  if (!dirs.every((d) => existsSync(d))) return undefined;
  const got = qcFeatureRecords(dirs, { groupByDir: true });
  return { ids: got.ids, records: got.records };
}

/** The shipped model files (step -> path). */
export function shippedModel(step: string): string {
  return join(projectRoot(), "artifacts", "models", `harness-${step}-fastp.json`);
}
