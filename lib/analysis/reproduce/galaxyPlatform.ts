/**
 * Job features a Galaxy scheduler knows when a job is submitted but the paper's protocol drops:
 * platform load at creation (reconstructed over the whole dump), the destination and handler the job
 * was mapped to with the slots that destination gives, and total input size. Each comes as a named
 * group of extra columns so that ablations switch groups on and off.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { parseDelimited } from "../../traces/csv";
import { GwtInputError, NoInputFoundError } from "../../util/errors";
import { finishedBefore } from "../platform/finishedBefore";
import { loadAtSubmission } from "../platform/loadAtSubmission";
import type { GalaxyColumn, GalaxyFrame } from "./galaxy";

/** One job of the dump with its clocks (epoch seconds; NaN = missing) and where it ran. */
export interface GalaxyDumpJob {
  readonly id: string;
  readonly createS: number;
  readonly startS: number;
  readonly endS: number;
  readonly destination: string | undefined;
  readonly handler: string | undefined;
  readonly user: string | undefined;
  /** The tool version (its CSV's base name, or the given name). */
  readonly tool: string;
  /** `runtime` column (s). */
  readonly runtimeS: number;
  /** Sum of the input file sizes (columns with a `<file>_filetype` sibling); NaN when none is present. */
  readonly totalBytes: number;
}

/**
 * Galaxy's `create_time` ("2017-04-03 10:14:27.344151", database time = UTC) in epoch seconds; NaN
 * when empty. @throws GwtInputError on any other shape.
 * @example parseGalaxyCreateTime("1970-01-01 00:00:01.5") // 1.5
 */
export function parseGalaxyCreateTime(s: string): number {
  if (s.trim() === "") return NaN;
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d+)?$/.exec(s.trim());
  if (!m) throw new GwtInputError(`create_time '${s}' is not 'YYYY-MM-DD HH:MM:SS[.ffffff]'`, { field: "create_time" });
  const [, y, mo, d, h, mi, se, frac] = m as unknown as string[];
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(se)) / 1000 + (frac ? Number(frac) : 0);
}

const num = (s: string | undefined): number => (s === undefined || s.trim() === "" ? NaN : Number(s));
const str = (s: string | undefined): string | undefined => (s === undefined || s.trim() === "" ? undefined : s);

/** The jobs of one dump CSV (text), only the columns load and history need. @throws GwtInputError naming file/line. */
export function parseGalaxyDumpJobs(text: string, file = "<text>", tool = file.replace(/^.*[\\/]/, "").replace(/\.csv$/, "")): GalaxyDumpJob[] {
  const recs = parseDelimited(text, ",");
  const h = recs[0]?.fields ?? [];
  const col = (name: string): number => {
    const i = h.indexOf(name);
    if (i < 0) throw new GwtInputError(`no '${name}' column`, { file, line: 1 });
    return i;
  };
  const [iId, iC, iS, iE, iD, iH, iU, iR] = ["id", "create_time", "start_epoch", "end_epoch", "destination_id", "handler", "user_id", "runtime"].map(col) as number[];
  const sizeIdx = h.filter((c) => c.endsWith("_filetype") && c !== "chromInfo_filetype").map((c) => h.indexOf(c.slice(0, -"_filetype".length))).filter((i) => i >= 0);
  return recs.slice(1).map((r) => {
    const f = r.fields;
    if (f.length !== h.length) throw new GwtInputError(`expected ${h.length} fields, got ${f.length}`, { file, line: r.line });
    let createS: number;
    try {
      createS = parseGalaxyCreateTime(f[iC as number] ?? "");
    } catch (e) {
      throw new GwtInputError((e as Error).message, { file, line: r.line, field: "create_time" });
    }
    const sizes = sizeIdx.map((i) => num(f[i])).filter((v) => !Number.isNaN(v));
    const totalBytes = sizes.length ? sizes.reduce((a, v) => a + v, 0) : NaN;
    return { id: f[iId as number] ?? "", createS, startS: num(f[iS as number]), endS: num(f[iE as number]), destination: str(f[iD as number]), handler: str(f[iH as number]), user: str(f[iU as number]), tool, runtimeS: num(f[iR as number]), totalBytes };
  });
}

/** Every job of `dumpDir/*.csv` (files in name order) and the files read. */
export function readGalaxyDumpJobs(dumpDir: string): { jobs: GalaxyDumpJob[]; files: string[] } {
  const files = readdirSync(dumpDir).filter((f) => f.endsWith(".csv")).sort().map((f) => join(dumpDir, f));
  if (files.length === 0) throw new NoInputFoundError(`${dumpDir}: no CSV`);
  return { jobs: files.flatMap((f) => parseGalaxyDumpJobs(readFileSync(f, "utf8"), f)), files };
}

/** One spelling per job id ("15469932", "15469932.0" → "15469932"). */
const jobKey = (id: string): string => {
  const n = Number(id);
  return id.trim() !== "" && Number.isFinite(n) ? String(n) : id.trim();
};

/** Load at creation per job id. */
export interface GalaxyLoad {
  /** Job id → [running overall, queued overall, running on its destination, queued on its destination]. */
  readonly byId: ReadonlyMap<string, readonly [number, number, number, number]>;
  readonly nJobs: number;
  /** Jobs without a usable start/end (left out of everyone's counts). */
  readonly unusable: number;
}

/**
 * Platform load at each job's creation over all jobs of the dump: overall and per destination
 * (`loadAtSubmission`). The dump holds the DNA-seq/QC tools only, so "overall" is that part of the platform.
 * @throws GwtInputError on a repeated job id.
 */
export function galaxyLoad(jobs: readonly GalaxyDumpJob[]): GalaxyLoad {
  const all = loadAtSubmission(jobs);
  const dest = loadAtSubmission(jobs, jobs.map((j) => j.destination));
  const byId = new Map<string, readonly [number, number, number, number]>();
  jobs.forEach((j, i) => {
    const key = jobKey(j.id);
    if (byId.has(key)) throw new GwtInputError(`job id ${j.id} appears twice in the dump`, { field: "id" });
    byId.set(key, [all.running[i] as number, all.queued[i] as number, dest.running[i] as number, dest.queued[i] as number]);
  });
  return { byId, nJobs: jobs.length, unusable: all.unusable };
}

/** Run-time history per job id, from runs that had ended when the job was created. */
export interface GalaxyHistory {
  /** Job id → the `HISTORY_COLUMNS` values (NaN where there is no such earlier run). */
  readonly byId: ReadonlyMap<string, readonly number[]>;
}

/** History feature names, in the order of `GalaxyHistory.byId` values. */
export const HISTORY_COLUMNS = [
  "hist.user_tool_last_log_s",
  "hist.user_tool_median3_log_s",
  "hist.user_tool_n_prev",
  "hist.user_tool_last_log_s_per_byte",
  "hist.tool_median10_log_s",
  "hist.tool_median10_log_s_per_byte",
] as const;

function med(v: readonly number[]): number {
  if (v.length === 0) return NaN;
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/**
 * What the platform had seen finish before each job was created (`finishedBefore`): the same user's
 * last 3 runs of the same tool version and the tool version's last 10 runs by anyone, as log1p run time
 * and log1p run time − log1p input bytes ("seconds per byte"). A job's own run time never enters it.
 */
export function galaxyHistory(jobs: readonly GalaxyDumpJob[]): GalaxyHistory {
  const logS = jobs.map((j) => Math.log1p(j.runtimeS));
  const perByte = jobs.map((j, i) => (logS[i] as number) - Math.log1p(j.totalBytes));
  const userKey = jobs.map((j) => (j.user === undefined ? undefined : `${j.tool}\u0000${j.user}`));
  const at = (value: readonly number[], key: readonly (string | undefined)[], k: number) => finishedBefore(jobs.map((j, i) => ({ key: key[i], createS: j.createS, endS: j.endS, value: value[i] as number })), k);
  const userS = at(logS, userKey, 3);
  const userB = at(perByte, userKey, 1);
  const toolKey = jobs.map((j) => j.tool);
  const toolS = at(logS, toolKey, 10);
  const toolB = at(perByte, toolKey, 10);
  const byId = new Map<string, readonly number[]>();
  jobs.forEach((j, i) => {
    const u = userS[i] as readonly number[];
    byId.set(jobKey(j.id), [u[0] ?? NaN, med(u), u.length, (userB[i] as readonly number[])[0] ?? NaN, med(toolS[i] as readonly number[]), med(toolB[i] as readonly number[])]);
  });
  return { byId };
}

/** Extra feature groups (all known at submission). */
export type GalaxyFeatureGroup = "load" | "destination" | "size" | "history";
export const GALAXY_FEATURE_GROUPS: readonly GalaxyFeatureGroup[] = ["load", "destination", "size", "history"];

/** The dump-wide context the `load` and `history` groups read. */
export interface GalaxyContext {
  readonly load?: GalaxyLoad;
  readonly history?: GalaxyHistory;
}

function floatCol(frame: GalaxyFrame, name: string): readonly number[] | undefined {
  const c = frame.columns.get(name);
  return c?.dtype === "float" ? c.values : undefined;
}
function stringCol(frame: GalaxyFrame, name: string): GalaxyColumn {
  const c = frame.columns.get(name);
  if (!c) return { dtype: "object", values: new Array<undefined>(frame.nRows).fill(undefined) };
  if (c.dtype === "object") return c;
  return { dtype: "object", values: (c.values as readonly (number | boolean)[]).map((v) => (typeof v === "number" && Number.isNaN(v) ? undefined : String(v))) };
}

/**
 * The columns of the chosen groups for the rows of one tool's raw frame (before `remove_bad_columns`):
 * - `load`: `load.running_all`, `load.queued_all`, `load.running_dest`, `load.queued_dest` (by job `id`);
 * - `destination`: `destination_id`, `handler` (categorical), `galaxy_slots`, `input.bytes_per_slot`;
 * - `size`: `input.total_bytes` (sum of the file-size columns, i.e. those with a `<file>_filetype`
 *   sibling; NaN when none is present), `input.n_files`;
 * - `history`: `HISTORY_COLUMNS` (by job `id`, from `galaxyHistory`).
 * @throws GwtInputError when `load`/`history` is asked for without its context or a job id is not in it.
 */
export function galaxyExtraColumns(frame: GalaxyFrame, groups: readonly GalaxyFeatureGroup[], context: GalaxyContext = {}): Map<string, GalaxyColumn> {
  const { load, history } = context;
  const out = new Map<string, GalaxyColumn>();
  const n = frame.nRows;
  const sizeCols = [...frame.columns.keys()].filter((k) => k.endsWith("_filetype") && k !== "chromInfo_filetype").map((k) => floatCol(frame, k.slice(0, -"_filetype".length))).filter((c): c is readonly number[] => c !== undefined);
  const total = Array.from({ length: n }, (_, i) => {
    const present = sizeCols.map((c) => c[i] as number).filter((v) => !Number.isNaN(v));
    return present.length ? present.reduce((s, v) => s + v, 0) : NaN;
  });
  if (groups.includes("load")) {
    if (!load) throw new GwtInputError("the 'load' feature group needs the dump's load (galaxyLoad)");
    const ids = stringCol(frame, "id").values as readonly (string | undefined)[];
    const rows = ids.map((id, i) => {
      const l = id === undefined ? undefined : load.byId.get(jobKey(id));
      if (!l) throw new GwtInputError(`job id ${id ?? "(missing)"} (row ${i + 1}) is not in the dump's load table`, { field: "id" });
      return l;
    });
    ["load.running_all", "load.queued_all", "load.running_dest", "load.queued_dest"].forEach((name, k) => out.set(name, { dtype: "float", values: rows.map((r) => r[k] as number) }));
  }
  if (groups.includes("history")) {
    if (!history) throw new GwtInputError("the 'history' feature group needs the dump's history (galaxyHistory)");
    const ids = stringCol(frame, "id").values as readonly (string | undefined)[];
    const rows = ids.map((id, i) => {
      const h = id === undefined ? undefined : history.byId.get(jobKey(id));
      if (!h) throw new GwtInputError(`job id ${id ?? "(missing)"} (row ${i + 1}) is not in the dump's history table`, { field: "id" });
      return h;
    });
    HISTORY_COLUMNS.forEach((name, k) => out.set(name, { dtype: "float", values: rows.map((r) => r[k] as number) }));
  }
  if (groups.includes("destination")) {
    out.set("destination_id", stringCol(frame, "destination_id"));
    out.set("handler", stringCol(frame, "handler"));
    const slots = floatCol(frame, "galaxy_slots") ?? new Array<number>(n).fill(NaN);
    out.set("galaxy_slots", { dtype: "float", values: slots });
    out.set("input.bytes_per_slot", { dtype: "float", values: total.map((t, i) => t / ((slots[i] as number) > 0 ? (slots[i] as number) : NaN)) });
  }
  if (groups.includes("size")) {
    out.set("input.total_bytes", { dtype: "float", values: total });
    out.set("input.n_files", { dtype: "float", values: Array.from({ length: n }, (_, i) => sizeCols.filter((c) => !Number.isNaN(c[i] as number)).length) });
  }
  return out;
}

/** Categorical column → its classes in code order (ordered by the training rows' smoothed mean target). */
export interface OrdinalEncoder {
  readonly numeric: readonly string[];
  readonly categorical: ReadonlyMap<string, ReadonlyMap<string, number>>;
}

const catValue = (c: GalaxyColumn, i: number): string => (c.dtype === "bool" ? (c.values[i] ? "True" : "False") : c.dtype === "object" ? (c.values[i] ?? "nan") : String(c.values[i]));

/**
 * Fit on the training rows `idx`: each categorical column's classes get integer codes ordered by the
 * class mean of `y` shrunk toward the overall mean with weight `smoothing` rows (the order trees split
 * on, as LightGBM's categorical splits sort classes by gradient); numeric columns pass through with NaN
 * kept (the trees learn where missing values go). A class unseen in training encodes as NaN.
 */
export function fitOrdinalEncoder(features: GalaxyFrame, idx: readonly number[], y: ArrayLike<number>, smoothing = 10): OrdinalEncoder {
  const numeric: string[] = [];
  const categorical = new Map<string, Map<string, number>>();
  const overall = idx.reduce((s, i) => s + (y[i] as number), 0) / Math.max(1, idx.length);
  for (const [name, c] of features.columns) {
    if (c.dtype === "float") {
      numeric.push(name);
      continue;
    }
    const agg = new Map<string, { s: number; n: number }>();
    for (const i of idx) {
      const k = catValue(c, i);
      const a = agg.get(k) ?? { s: 0, n: 0 };
      a.s += y[i] as number;
      a.n += 1;
      agg.set(k, a);
    }
    const order = [...agg.entries()].map(([k, a]) => ({ k, m: (a.s + smoothing * overall) / (a.n + smoothing) })).sort((a, b) => a.m - b.m || (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
    categorical.set(name, new Map(order.map((o, code) => [o.k, code])));
  }
  return { numeric, categorical };
}

/** Encode rows `idx` with a fitted `OrdinalEncoder` (numeric first, then categorical codes). */
export function encodeOrdinalRows(features: GalaxyFrame, enc: OrdinalEncoder, idx: readonly number[]): Float64Array[] {
  const num_ = enc.numeric.map((n) => (features.columns.get(n) as { values: readonly number[] }).values);
  const cats = [...enc.categorical].map(([n, codes]) => [features.columns.get(n) as GalaxyColumn, codes] as const);
  return idx.map((i) => {
    const row = new Float64Array(num_.length + cats.length);
    num_.forEach((v, k) => (row[k] = v[i] as number));
    cats.forEach(([c, codes], k) => (row[num_.length + k] = codes.get(catValue(c, i)) ?? NaN));
    return row;
  });
}
