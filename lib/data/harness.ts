import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { qcFeatureRecords } from "../features/qcRecords";
import { stepsBySample } from "../traces/bySample";
import { readTrace } from "../traces/read";
import type { TaskRun, TraceIssue } from "../traces/schema";
import { NoInputFoundError } from "../util/errors";
import { projectRoot } from "./paths";
import { observedStepColumns } from "../workflow/observed";

/** One workflow run of the harness: its design row, its measured QC metrics and its steps. */
export interface HarnessRun {
  readonly runId: string;
  /** Runs sharing a config (and seed) had byte-identical input: never split them across CV folds. */
  readonly configId: string;
  readonly phase: string;
  readonly varied: string;
  readonly repeat: number;
  readonly loadLabel: string;
  /** The mapping reference (design column `genome`; the loader sets "ecoli_k12" where the design has none). */
  readonly genome?: string;
  /** Design factors (numbers where numeric). */
  readonly design: Readonly<Record<string, number | string>>;
  /** QC wide-row numbers + derived metrics + `trace.input_bytes` + observed `ancestor.<step>.cpu_s|wall_s|output_bytes`. */
  readonly metrics: Readonly<Record<string, number>>;
  /** Step name → its trace row (completed or failed). */
  readonly steps: ReadonlyMap<string, TaskRun>;
}

export interface HarnessDataset {
  readonly dir: string;
  readonly runs: HarnessRun[];
  /** Problems met while loading (per file, with reasons); runs with problems are kept. */
  readonly issues: TraceIssue[];
  readonly factors: readonly string[];
  /**
   * Every file the loader read (design.tsv, trace.tsv, manifest.json when present, each run's QC
   * files), absolute paths in reading order: what a report cites in its provenance.
   */
  readonly files: readonly string[];
  /** Per run id: sha256 of its input FASTQ pair, from `manifest.json` (empty when there is none). */
  readonly inputChecksums: ReadonlyMap<string, string>;
}


/** Location of a committed harness dataset under data/ (default: the main one, `data/harness`). */
export function harnessDir(name = "harness"): string {
  return join(projectRoot(), "data", name);
}

const DESIGN_META = new Set(["run_id", "phase", "config_id", "varied", "seed", "repeat", "load_label", "genome", "art_profile"]);

function numOrString(v: string): number | string {
  const n = Number(v);
  return v.trim() !== "" && Number.isFinite(n) ? n : v;
}

/** A plain header + rows TSV (the design file: no quoting, no embedded tabs). */
function readTsv(path: string): Array<Record<string, string>> {
  const lines = readFileSync(path, "utf8").split(/\r?\n/).filter((l) => l.length > 0);
  const header = (lines[0] ?? "").split("\t");
  return lines.slice(1).map((l) => {
    const cells = l.split("\t");
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ""]));
  });
}

/**
 * QC metrics of one run folder: every QC file merged into one row (R1/R2 FastQC averaged). The
 * files parsed are appended to `files` when given.
 */
export function runMetrics(qcDir: string, issues: TraceIssue[], files?: string[]): Record<string, number> {
  if (!existsSync(qcDir)) {
    issues.push({ file: qcDir, line: undefined, message: "no qc/ folder for this run" });
    return {};
  }
  try {
    // All files of a run describe one input: one sample per run folder.
    const got = qcFeatureRecords(qcDir, { sampleFromDir: true });
    for (const f of got.failed) issues.push({ file: f.file, line: undefined, message: `QC file failed to parse: ${f.reason}` });
    if (files) files.push(...got.files);
    return got.records[0] ?? {};
  } catch (e) {
    if (!(e instanceof NoInputFoundError)) throw e;
    issues.push({ file: qcDir, line: undefined, message: e.message });
    return {};
  }
}

/**
 * Load the harness dataset: design.tsv, trace.tsv (through the Nextflow trace reader), the input
 * checksums of manifest.json and every run's QC outputs (through the QC parsers), listing every
 * file read in `files`. `limit` keeps the first n runs (smoke runs).
 * @example const h = loadHarness(); await nb.usedProjectFiles("gwtime-harness", h.files);
 */
export function loadHarness(dir: string = harnessDir(), opts: { limit?: number } = {}): HarnessDataset {
  const issues: TraceIssue[] = [];
  const designPath = join(dir, "design.tsv");
  const design = readTsv(designPath);
  const factors = Object.keys(design[0] ?? {}).filter((k) => !DESIGN_META.has(k));
  const tracePath = join(dir, "trace.tsv");
  const trace = readTrace(tracePath, { format: "nextflow" });
  const files: string[] = [designPath, tracePath];
  const manifestPath = join(dir, "manifest.json");
  let inputChecksums = new Map<string, string>();
  if (existsSync(manifestPath)) {
    try {
      inputChecksums = readInputChecksums(dir);
      files.push(manifestPath);
    } catch (e) {
      issues.push({ file: manifestPath, line: undefined, message: (e as Error).message });
    }
  }
  issues.push(...trace.issues);
  const stepsByRun = stepsBySample(trace.runs);
  const runsDir = join(dir, "runs");
  // A run is complete once its run.json is written (a folder alone may be a run in progress).
  const done = new Set(existsSync(runsDir) ? readdirSync(runsDir).filter((f) => existsSync(join(runsDir, f, "run.json"))) : []);
  const runs: HarnessRun[] = [];
  for (const d of design) {
    const runId = d["run_id"] ?? "";
    const steps = stepsByRun.get(runId);
    if (!steps || !done.has(runId)) continue;
    if (opts.limit !== undefined && runs.length >= opts.limit) break;
    const metrics = runMetrics(join(runsDir, runId, "qc"), issues, files);
    const inputBytes = steps.get("fastqc")?.inputBytes ?? steps.get("bwa_mem")?.inputBytes;
    if (inputBytes !== undefined) metrics["trace.input_bytes"] = inputBytes;
    // In-flight columns: each step's observed CPU/wall time and output size (lib/workflow decides who may use them).
    Object.assign(metrics, observedStepColumns(steps));
    const designVals: Record<string, number | string> = {};
    for (const f of factors) designVals[f] = numOrString(d[f] ?? "");
    runs.push({
      runId,
      configId: d["config_id"] ?? runId,
      phase: d["phase"] ?? "",
      varied: d["varied"] ?? "",
      repeat: Number(d["repeat"] ?? 1),
      loadLabel: d["load_label"] ?? "none",
      genome: d["genome"] || "ecoli_k12",
      design: designVals,
      metrics,
      steps,
    });
  }
  return { dir, runs, issues, factors, files, inputChecksums };
}

/**
 * Per run id: the sha256 of its input FASTQ pair ("<R1 sha256>:<R2 sha256>"), from the dataset's
 * `manifest.json` (`runs[].input.r1|r2.sha256`). Runs that failed before their input was written
 * have no entry. Lets analyses prove two runs had byte-identical input instead of assuming it.
 */
export function readInputChecksums(dir: string = harnessDir()): Map<string, string> {
  const file = join(dir, "manifest.json");
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new Error(`${file}: cannot read the harness manifest: ${(e as Error).message}`);
  }
  const runs = (parsed as { runs?: unknown }).runs;
  if (!Array.isArray(runs)) throw new Error(`${file}: field 'runs' is not a list`);
  const out = new Map<string, string>();
  runs.forEach((r: unknown, i: number) => {
    const run = r as { run_id?: unknown; input?: { r1?: { sha256?: unknown }; r2?: { sha256?: unknown } } | null };
    if (typeof run?.run_id !== "string") throw new Error(`${file}: runs[${i}].run_id is missing`);
    const r1 = run.input?.r1?.sha256;
    const r2 = run.input?.r2?.sha256;
    if (typeof r1 === "string" && typeof r2 === "string") out.set(run.run_id, `${r1}:${r2}`);
  });
  return out;
}

/** The CPU model(s) a set of runs was measured on (from the trace rows' `cpu_model`), sorted. */
export function cpuModels(runs: readonly HarnessRun[]): string[] {
  const m = new Set<string>();
  for (const r of runs) for (const s of r.steps.values()) if (s.raw["cpu_model"]) m.add(s.raw["cpu_model"]);
  return [...m].sort();
}

/** Reference name -> length in bp, from a harness manifest's `references` (empty when absent or unreadable). */
export function referenceLengths(dir: string = harnessDir()): Map<string, number> {
  const out = new Map<string, number>();
  try {
    const m = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as { references?: Array<{ name?: unknown; length_bp?: unknown }> };
    for (const r of m.references ?? []) if (typeof r.name === "string" && typeof r.length_bp === "number") out.set(r.name, r.length_bp);
  } catch {
    // no manifest: genomes are recorded without a length
  }
  return out;
}
