/**
 * Model-ready table from one Galaxy job-record CSV (usegalaxy.org dump, one CSV per tool version):
 * target = `runtime` (s); features = input file sizes (columns with a sibling `<col>_filetype`,
 * bytes) + numeric tool/job parameters (few distinct values: options, slots, memory); group =
 * the input sizes joined (repeats of one input share a group). Failed jobs (exit_code != 0) and
 * non-positive runtimes are dropped and counted.
 */
import { parseDelimited } from "../traces/csv";
import { GwtInputError } from "../util/errors";

/** Columns that are ids, clocks or outcomes — never features. */
const NOT_FEATURES = new Set(["id", "history_id", "user_id", "session_id", "create_time", "start_epoch", "end_epoch", "runtime", "exit_code", "imported", "library_folder_id", "job_runner_external_id", "destination_id", "handler", "object_store_id", "param_filename", "info", "job_runner_name"]);

/** A Galaxy tool's runs as X / y / groups. */
export interface GalaxyTable {
  readonly featureNames: string[];
  /** Index in featureNames of the input-size columns (bytes). */
  readonly sizeColumns: number[];
  readonly X: Float64Array[];
  /** Runtime in seconds. */
  readonly runtimeS: Float64Array;
  readonly groups: string[];
  readonly droppedRows: number;
}

/**
 * @param maxDistinctParam numeric parameter columns with more distinct values are dropped (dataset ids). Default 50.
 * @example const t = galaxyTable(readFileSync(csv, "utf8"), csv); // t.X, Math.log(t.runtimeS)
 */
export function galaxyTable(text: string, source: string, maxDistinctParam = 50): GalaxyTable {
  const recs = parseDelimited(text, ",");
  const head = recs[0]?.fields.map((h) => h.trim());
  if (!head) throw new GwtInputError("empty CSV", { file: source });
  const col = new Map(head.map((h, i) => [h, i]));
  const rt = col.get("runtime");
  if (rt === undefined) throw new GwtInputError("no 'runtime' column", { file: source });
  const ex = col.get("exit_code");
  const rows: string[][] = [];
  let dropped = 0;
  for (const r of recs.slice(1)) {
    const f = r.fields;
    const y = Number(f[rt]);
    const ok = f.length === head.length && Number.isFinite(y) && y > 0 && (ex === undefined || f[ex] === "" || Number(f[ex]) === 0);
    if (ok) rows.push(f);
    else dropped++;
  }
  const num = (s: string | undefined): number => (s === undefined || s.trim() === "" ? NaN : Number(s));
  const sizeCols = head.filter((h) => col.has(`${h}_filetype`));
  const otherCols = head.filter((h) => {
    if (NOT_FEATURES.has(h) || sizeCols.includes(h) || h.endsWith("_filetype")) return false;
    const j = col.get(h) as number;
    const vals = new Set<number>();
    let numeric = 0;
    for (const r of rows) {
      const v = num(r[j]);
      if (Number.isFinite(v)) {
        numeric++;
        vals.add(v);
      } else if ((r[j] ?? "").trim() !== "") return false;
    }
    return numeric > 0 && vals.size > 1 && vals.size <= maxDistinctParam;
  });
  const names = [...sizeCols, ...otherCols];
  const idx = names.map((h) => col.get(h) as number);
  const sizeIdx = sizeCols.map((h) => col.get(h) as number);
  return {
    featureNames: names,
    sizeColumns: sizeCols.map((_, i) => i),
    X: rows.map((r) => Float64Array.from(idx, (j) => num(r[j]))),
    runtimeS: Float64Array.from(rows, (r) => Number(r[rt])),
    groups: rows.map((r) => sizeIdx.map((j) => r[j] ?? "").join("|")),
    droppedRows: dropped,
  };
}
