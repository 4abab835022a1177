import { readFileSync } from "node:fs";
import { resolveFile, resolveFiles } from "../data/resolve";
import { galaxyTable, type GalaxyTable } from "../features/galaxyTable";
import type { FileUseRecorder } from "../data/resolve";
import { readTraces } from "../traces/read";
import type { TaskRun, TraceIssue, TraceReadResult } from "../traces/schema";

/** What a notebook loaded: the runs, per-file results, and every issue (nothing dropped silently). */
export interface LoadedTraces {
  readonly runs: TaskRun[];
  readonly files: Array<{ file: string; format: string; rows: number; rowsSeen: number; issues: number }>;
  readonly issues: TraceIssue[];
}

/**
 * Resolve the files of a pinned dataset (mirror → cache → download, sha256-verified), record them in
 * the notebook's provenance, and read them with the trace readers. `limit` caps the file count
 * (smoke runs pass a small number).
 */
export async function loadDatasetTraces(
  nb: FileUseRecorder,
  datasetId: string,
  opts: { filter?: (path: string) => boolean; format?: string; limit?: number } = {},
): Promise<LoadedTraces> {
  let files = await resolveFiles(datasetId, opts.filter ?? (() => true), { verify: true });
  if (opts.limit !== undefined) files = files.slice(0, opts.limit);
  nb.used(files);
  const results = readTraces(files.map((f) => f.localPath), opts.format ? { format: opts.format } : {});
  return summarise(results);
}

/** Flatten reader results into one run list plus a per-file summary. */
export function summarise(results: readonly TraceReadResult[]): LoadedTraces {
  return {
    runs: results.flatMap((r) => r.runs),
    files: results.map((r) => ({ file: r.file.split("/").slice(-2).join("/"), format: r.format, rows: r.runs.length, rowsSeen: r.rowsSeen, issues: r.issues.length })),
    issues: results.flatMap((r) => r.issues),
  };
}

/**
 * Resolve (and sha256-verify) every file of a dataset, record them in the notebook's provenance, and
 * return the local folder that holds them in the dataset's own layout — for analyses that read a
 * dataset as a folder (e.g. the published reproductions).
 */
export async function datasetFolder(nb: FileUseRecorder, datasetId: string, filter: (path: string) => boolean = () => true): Promise<string> {
  const files = await resolveFiles(datasetId, filter, { verify: true });
  nb.used(files);
  const first = files[0];
  if (!first) throw new Error(`dataset '${datasetId}' has no file matching the filter`);
  const roots = new Set(files.map((f) => f.localPath.slice(0, f.localPath.length - f.path.length - 1)));
  if (roots.size !== 1) throw new Error(`dataset '${datasetId}' files resolved to several folders (${[...roots].join(", ")}): put them in one mirror or cache folder`);
  return [...roots][0] as string;
}

/**
 * One Galaxy tool CSV as a model table (input sizes + numeric parameters → runtime), resolved and
 * verified through the registry and recorded in provenance. Column 0 of `Xsize` is the total input size.
 */
export async function loadGalaxyTable(nb: FileUseRecorder, csvName: string): Promise<GalaxyTable & { name: string; Xsize: Float64Array[]; yLog: Float64Array }> {
  const f = await resolveFile("galaxy-main", `csv_dump/${csvName}`, { verify: true });
  nb.used([f]);
  const t = galaxyTable(readFileSync(f.localPath, "utf8"), f.localPath);
  const Xsize = t.X.map((r) => Float64Array.of(t.sizeColumns.reduce((s, j) => s + (Number.isFinite(r[j] as number) ? (r[j] as number) : 0), 0)));
  return { ...t, name: csvName.replace(/\.csv$/, ""), Xsize, yLog: Float64Array.from(t.runtimeS, Math.log) };
}
