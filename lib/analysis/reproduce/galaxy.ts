/**
 * Reproduction of Tyryshkina, Coraor & Nekrutenko (Bioinformatics 2019), "Predicting runtimes of
 * bioinformatics tools based on historical data: five years of Galaxy usage", following their
 * `scripts/comparison_benchmarks.py` + `preprocessing.py` (atyryshkina/algorithm-performance-analysis):
 *
 * - One CSV per tool version (`csv_dump/`), read like `pandas.read_csv` (dtype inference, NA strings).
 *   The dump already holds only `state == ok` jobs (no failed jobs, no zero runtimes): no row filter.
 * - `remove_bad_columns`, applied twice: keep `parameters.*` (minus the bad prefixes/suffixes, the
 *   per-file `parameters.<file>[.values|…]` columns, categorical ones with ≥ 50 % distinct values or
 *   ≥ 100 categories, ≥ 75 % empty ones, list-valued ones; quoted values are unquoted and turned into
 *   numbers when they all parse), every `<file>_filetype` column (except chromInfo_filetype), every
 *   `<file>` size column, and `runtime`. Hardware/handler columns are dropped.
 * - Target log1p(runtime); 3-fold shuffled KFold; numeric features NaN → 0 (MinMax scaling is
 *   irrelevant for trees), categorical ones as strings ("nan" for missing) one-hot encoded as
 *   scikit-learn's `LabelBinarizer` fitted on the training fold (2 classes → one 0/1 column).
 * - RandomForestRegressor(n_estimators=100, max_depth=12) → here gwtime's histogram
 *   `GradientBoostedTrees({ mode: "rf" })` with the same tree count and depth, min 1 row per leaf.
 * - Score: mean over the folds of R² on the log scale.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { GradientBoostedTrees } from "../../models/gbt/gbt";
import { outOfFold } from "../../models/evaluate/outOfFold";
import { foldScores } from "../../models/evaluate/scores";
import { parseDelimited } from "../../traces/csv";
import { GwtInputError, NoInputFoundError } from "../../util/errors";
import { rng } from "../../util/stats";

/** A pandas-like column: numbers (NaN = missing), booleans, or strings (undefined = missing). */
export type GalaxyColumn =
  | { readonly dtype: "float"; readonly values: readonly number[] }
  | { readonly dtype: "bool"; readonly values: readonly boolean[] }
  | { readonly dtype: "object"; readonly values: readonly (string | undefined)[] };

/** A small column store: column order as in the file. */
export interface GalaxyFrame {
  readonly columns: ReadonlyMap<string, GalaxyColumn>;
  readonly nRows: number;
}

/** pandas' default NA strings (`read_csv(na_values=None)`). */
const NA_STRINGS = new Set(["", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null"]);
const NUMBER_RE = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;
const SPECIAL_FLOAT_RE = /^\s*[+-]?(inf|infinity|nan)\s*$/i;

/** Python's `float(s)` for the strings this data holds (NaN if it would raise). */
function pyFloat(s: string): number {
  if (NUMBER_RE.test(s)) return Number(s);
  if (SPECIAL_FLOAT_RE.test(s)) {
    const t = s.trim().toLowerCase().replace(/^\+/, "");
    if (t.endsWith("nan")) return NaN;
    return t.startsWith("-") ? -Infinity : Infinity;
  }
  return Number.NaN;
}
const isPyFloat = (s: string): boolean => NUMBER_RE.test(s) || SPECIAL_FLOAT_RE.test(s);

/** Infer one column's dtype the way `pandas.read_csv` does (numbers → float, all True/False → bool). */
export function inferColumn(raw: readonly string[]): GalaxyColumn {
  const vals = raw.map((s) => (NA_STRINGS.has(s) ? undefined : s));
  const present = vals.filter((v): v is string => v !== undefined);
  if (present.every((s) => NUMBER_RE.test(s) || /^\s*[+-]?(inf|infinity)\s*$/i.test(s))) return { dtype: "float", values: vals.map((v) => (v === undefined ? NaN : pyFloat(v))) };
  const bools = new Set(["True", "False", "TRUE", "FALSE", "true", "false"]);
  if (present.length === vals.length && present.every((s) => bools.has(s))) return { dtype: "bool", values: present.map((s) => s.toLowerCase() === "true") };
  return { dtype: "object", values: vals };
}

/** Parse a Galaxy job-dump CSV into a `GalaxyFrame`. @throws GwtInputError on a ragged row. */
export function parseGalaxyFrame(text: string, file = "<text>"): GalaxyFrame {
  const recs = parseDelimited(text, ",");
  const header = recs[0]?.fields;
  if (!header) throw new NoInputFoundError(`${file}: empty CSV`);
  const cols: string[][] = header.map(() => []);
  for (const r of recs.slice(1)) {
    if (r.fields.length !== header.length) throw new GwtInputError(`expected ${header.length} fields, got ${r.fields.length}`, { file, line: r.line });
    r.fields.forEach((v, j) => (cols[j] as string[]).push(v));
  }
  const columns = new Map<string, GalaxyColumn>();
  header.forEach((h, j) => columns.set(h, inferColumn(cols[j] as string[])));
  return { columns, nRows: recs.length - 1 };
}

const BAD_STARTS = ["parameters.__workflow_invocation_uuid__", "parameters.chromInfo", "parameters.__job_resource", "parameters.reference_source", "parameters.reference_genome", "parameters.rg", "parameters.readGroup", "parameters.refGenomeSource", "parameters.genomeSource"];
const BAD_ENDS = ["id", "identifier", "__identifier__", "indeces"];

function nUnique(c: GalaxyColumn): number {
  const s = new Set<unknown>();
  for (const v of c.values) s.add(typeof v === "number" && Number.isNaN(v) ? "__nan__" : v);
  return s.size;
}
function nMissing(c: GalaxyColumn): number {
  if (c.dtype === "bool") return 0;
  return c.dtype === "float" ? c.values.filter((v) => Number.isNaN(v)).length : c.values.filter((v) => v === undefined).length;
}

/**
 * The authors' `remove_bad_columns` (comparison_benchmarks.py), one pass. Returns a new frame with
 * only the kept columns (parameters, file types, file sizes, runtime); the input is not mutated.
 */
export function removeBadColumns(frame: GalaxyFrame): GalaxyFrame {
  const names = [...frame.columns.keys()];
  const cols = new Map(frame.columns);
  let parameters = names.filter((n) => n.startsWith("parameters."));
  const filetypes = names.filter((n) => n.endsWith("_filetype") && n !== "chromInfo_filetype");
  const files = filetypes.map((n) => n.slice(0, -"_filetype".length));
  for (const p of BAD_STARTS) parameters = parameters.filter((n) => !n.startsWith(p));
  for (const p of BAD_ENDS) parameters = parameters.filter((n) => !n.endsWith(p));
  const bad = new Set<string>();
  const n = frame.nRows;
  for (const p of parameters) {
    let c = cols.get(p) as GalaxyColumn;
    if (c.dtype === "object") {
      const present = c.values.filter((v): v is string => v !== undefined);
      if (present.every((s) => s.startsWith('"') && s.endsWith('"'))) {
        const trimmed = c.values.map((v) => (v === undefined ? undefined : v.slice(1, -1)));
        const ok = trimmed.every((v) => v === undefined || isPyFloat(v));
        c = ok ? { dtype: "float", values: trimmed.map((v) => (v === undefined ? NaN : pyFloat(v))) } : { dtype: "object", values: trimmed };
        cols.set(p, c);
      }
    }
    if (c.dtype === "object" && nUnique(c) >= 0.5 * n) bad.add(p);
    if (nMissing(c) >= 0.75 * n) bad.add(p);
    if (c.dtype === "object" && nUnique(c) >= 100) bad.add(p);
    // list-valued (pandas drops NaN first; an all-missing column counts as "all lists", as in Python)
    const present: readonly unknown[] = c.dtype === "float" ? c.values.filter((v) => !Number.isNaN(v)) : c.dtype === "object" ? c.values.filter((v) => v !== undefined) : c.values;
    if (present.every((v) => typeof v === "string" && v.startsWith("[") && v.endsWith("]"))) bad.add(p);
  }
  for (const f of files) for (const suffix of ["", ".values", "|__identifier__"]) bad.add(`parameters.${f}${suffix}`);
  parameters = parameters.filter((p) => !bad.has(p));
  const keep = new Set([...parameters, ...filetypes, ...files, "runtime"]);
  const out = new Map<string, GalaxyColumn>();
  for (const name of names) if (keep.has(name)) out.set(name, cols.get(name) as GalaxyColumn);
  return { columns: out, nRows: n };
}

/** Fold assignment of scikit-learn's `KFold(n_splits, shuffle=True)` with a seeded permutation. */
export function kFoldIndices(n: number, k: number, seed: number): Array<{ train: number[]; test: number[] }> {
  const perm = Array.from({ length: n }, (_, i) => i);
  const r = rng(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [perm[i], perm[j]] = [perm[j] as number, perm[i] as number];
  }
  const out: Array<{ train: number[]; test: number[] }> = [];
  let start = 0;
  for (let f = 0; f < k; f++) {
    const size = Math.floor(n / k) + (f < n % k ? 1 : 0);
    const test = perm.slice(start, start + size);
    const inTest = new Set(test);
    out.push({ test, train: perm.filter((i) => !inTest.has(i)) });
    start += size;
  }
  return out;
}

/** Feature encoder fitted on a training fold (ChooseFeatureColumns + MyMapper, minus scaling). */
export interface GalaxyEncoder {
  readonly numeric: readonly string[];
  /** Categorical column → classes seen in training (sorted, as LabelBinarizer). */
  readonly categorical: ReadonlyMap<string, readonly string[]>;
}

function asString(c: GalaxyColumn, i: number): string {
  if (c.dtype === "bool") return c.values[i] ? "True" : "False";
  if (c.dtype === "object") return c.values[i] ?? "nan";
  return String(c.values[i]);
}

/** Fit the encoder on the rows `idx` of `features`. */
export function fitGalaxyEncoder(features: GalaxyFrame, idx: readonly number[]): GalaxyEncoder {
  const numeric: string[] = [];
  const categorical = new Map<string, string[]>();
  for (const [name, c] of features.columns) {
    if (c.dtype === "float") numeric.push(name);
    else categorical.set(name, [...new Set(idx.map((i) => asString(c, i)))].sort());
  }
  return { numeric, categorical };
}

/** Encode rows `idx`: numeric NaN → 0; categorical one-hot (2 classes → one column; unseen → zeros). */
export function encodeGalaxyRows(features: GalaxyFrame, enc: GalaxyEncoder, idx: readonly number[]): number[][] {
  return idx.map((i) => {
    const row: number[] = [];
    for (const name of enc.numeric) {
      const v = (features.columns.get(name) as { values: readonly number[] }).values[i] as number;
      row.push(Number.isNaN(v) ? 0 : v);
    }
    for (const [name, classes] of enc.categorical) {
      const s = asString(features.columns.get(name) as GalaxyColumn, i);
      if (classes.length <= 2) row.push(classes.length === 2 && s === classes[1] ? 1 : 0);
      else for (const k of classes) row.push(s === k ? 1 : 0);
    }
    return row;
  });
}

/** R² (scikit-learn's `r2_score`: 1 when y is constant and predicted exactly, else 0 for constant y). */
export function r2Score(y: readonly number[], pred: ArrayLike<number>): number {
  const m = y.reduce((s, v) => s + v, 0) / y.length;
  let ssRes = 0;
  let ssTot = 0;
  y.forEach((v, i) => {
    ssRes += (v - (pred[i] as number)) ** 2;
    ssTot += (v - m) ** 2;
  });
  if (ssTot === 0) return ssRes === 0 ? 1 : 0;
  return 1 - ssRes / ssTot;
}

/** Anything with fit/predict on numeric rows (gwtime `Regressor`s, or an adapter around another library). */
export interface RowRegressor {
  fit(X: number[][], y: number[]): unknown;
  predict(X: number[][]): ArrayLike<number>;
}

/** Makes a fresh model per fold; `seed` differs per fold. */
export type RegressorFactory = (seed: number) => RowRegressor;

/** The default model: gwtime's histogram random forest with the paper's 100 trees, depth 12. */
export const paperRandomForest: RegressorFactory = (seed) =>
  new GradientBoostedTrees({ mode: "rf", nEstimators: 100, maxDepth: 12, minSamplesLeaf: 1, seed });

/** Result of the protocol on one tool CSV. */
export interface GalaxyToolScore {
  readonly nJobs: number;
  /** Mean R² over the folds (and repeats), log1p runtime. */
  readonly r2: number;
  readonly foldR2: readonly number[];
  /** Feature columns after `remove_bad_columns` (before one-hot). */
  readonly features: readonly string[];
}

/** Options of `galaxyToolR2`. */
export interface GalaxyProtocolOptions {
  readonly folds?: number;
  readonly seed?: number;
  /**
   * Repeat the shuffled k-fold CV this many times (seeds seed, seed+1000, …) and average. Default 1 =
   * the paper's protocol (one unseeded split there). On tools with < 100 jobs a single split is noisy
   * (R² spans ±0.5 across splits), so > 1 gives a steadier comparison.
   */
  readonly repeats?: number;
  readonly model?: RegressorFactory;
}

/**
 * The paper's protocol on one parsed tool CSV. Returns NaN R² when fewer than 4 jobs (the authors skip them).
 * @example galaxyToolR2(parseGalaxyFrame(readFileSync(csv, "utf8"))).r2
 */
export function galaxyToolR2(frame: GalaxyFrame, options: GalaxyProtocolOptions = {}): GalaxyToolScore {
  const { folds: folds_ = 3, seed = 42, model = paperRandomForest } = options;
  const cleaned = removeBadColumns(removeBadColumns(frame));
  const rt = cleaned.columns.get("runtime");
  if (!rt || rt.dtype !== "float") throw new GwtInputError("no numeric 'runtime' column");
  const feats = new Map(cleaned.columns);
  feats.delete("runtime");
  const features: GalaxyFrame = { columns: feats, nRows: cleaned.nRows };
  const y = rt.values.map((v) => Math.log1p(v));
  if (frame.nRows < 4) return { nJobs: frame.nRows, r2: NaN, foldR2: [], features: [...feats.keys()] };
  const foldR2: number[] = [];
  for (let rep = 0; rep < (options.repeats ?? 1); rep++) {
    const repSeed = seed + 1000 * rep;
    const folds = kFoldIndices(frame.nRows, folds_, repSeed);
    // The encoder is part of the fit: fitted on each fold's training rows only.
    const oof = outOfFold(frame.nRows, folds, (train, f) => {
      const tr = Array.from(train);
      const enc = fitGalaxyEncoder(features, tr);
      const Xtr = encodeGalaxyRows(features, enc, tr);
      const ytr = tr.map((i) => y[i] as number);
      if ((Xtr[0]?.length ?? 0) === 0) {
        const m = ytr.reduce((s, v) => s + v, 0) / ytr.length;
        return (test) => ({ prediction: Array.from(test, () => m) });
      }
      const m = model(repSeed + f);
      m.fit(Xtr, ytr);
      return (test) => ({ prediction: m.predict(encodeGalaxyRows(features, enc, Array.from(test))) });
    });
    foldR2.push(...foldScores(y, oof.values.prediction, folds, r2Score));
  }
  return { nJobs: frame.nRows, r2: foldR2.reduce((s, v) => s + v, 0) / foldR2.length, foldR2, features: [...feats.keys()] };
}

/** One row of the published table (`paper_comparison_benchmarks.csv`). */
export interface GalaxyPaperRow {
  readonly toolId: string;
  readonly numInstances: number;
  /** RandomForestRegressor column (NaN for "N/A"; the table uses -10000 as a failure sentinel). */
  readonly rfR2: number;
}

/** Parse `paper_comparison_benchmarks.csv`. */
export function parseGalaxyPaperTable(text: string, file = "paper_comparison_benchmarks.csv"): GalaxyPaperRow[] {
  const recs = parseDelimited(text, ",");
  const h = recs[0]?.fields ?? [];
  const iTool = h.indexOf("toolid");
  const iN = h.indexOf("num_instances");
  const iRf = h.indexOf("RandomForestRegressor");
  if (iTool < 0 || iN < 0 || iRf < 0) throw new GwtInputError("expected toolid, num_instances, RandomForestRegressor columns", { file, line: 1 });
  return recs.slice(1).map((r) => ({ toolId: r.fields[iTool] as string, numInstances: Number(r.fields[iN]), rfR2: Number(r.fields[iRf]) }));
}

/**
 * CSV base name for a table tool id: toolshed ids "toolshed.g2.bx.psu.edu/repos/<owner>/<repo>/<tool>/<version>"
 * → "<owner>_<repo>_<tool>_<version>"; built-in tool ids are used as they are.
 * @example galaxyCsvNameForToolId("toolshed.g2.bx.psu.edu/repos/devteam/bwa/bwa_mem/0.4.2") // "devteam_bwa_bwa_mem_0.4.2"
 */
export function galaxyCsvNameForToolId(toolId: string): string {
  const m = /\/repos\/(.+)$/.exec(toolId);
  return m ? (m[1] as string).split("/").join("_") : toolId;
}

/** One row of the reproduction table. */
export interface GalaxyReproRow {
  /** Full tool id as in the paper's table. */
  readonly tool: string;
  readonly version: string;
  readonly nJobs: number;
  readonly ourR2: number;
  readonly paperR2: number;
  readonly diff: number;
  readonly note: string;
}

/** Options of `reproduceGalaxy`. */
export interface GalaxyReproOptions extends GalaxyProtocolOptions {
  /** Smoke mode: only the `limit` smallest matching tools (by job count) with at least `minJobs` jobs. */
  readonly limit?: number;
  /** Smallest tool to include in smoke mode (default 100: smaller tools give split-dependent R²). */
  readonly minJobs?: number;
  /** Progress callback (tool index, total, row). */
  readonly onProgress?: (i: number, n: number, row: GalaxyReproRow) => void;
}

function noteFor(nJobs: number, paperN: number, ours: number, paper: number, nFeatures: number): string {
  const notes: string[] = [];
  if (nJobs !== paperN) notes.push(`paper had ${paperN} jobs`);
  if (paper <= -9999) notes.push("paper value is the -10000 failure sentinel");
  else if (Number.isFinite(paper) && Number.isFinite(ours) && Math.abs(ours - paper) > 0.1) {
    if (nJobs < 100) notes.push(`small tool (${nJobs} jobs): 3-fold R² swings with the random split`);
    else notes.push("differs by > 0.1: unseeded folds in the paper, histogram (255-bin) splits and different bootstrap draws here");
  }
  if (nFeatures === 0) notes.push("no feature survives remove_bad_columns: predicts the training mean");
  return notes.join("; ");
}

/**
 * Run the paper's protocol on every CSV of `galaxyRoot/csv_dump` whose tool appears in
 * `galaxyRoot/paper_comparison_benchmarks.csv`, sorted by job count.
 * @example reproduceGalaxy(join(mirrorRoot()!, "galaxy-main"), { limit: 2 }) // smoke run on 2 small tools
 */
export function reproduceGalaxy(galaxyRoot: string, options: GalaxyReproOptions = {}): GalaxyReproRow[] {
  const dumpDir = join(galaxyRoot, "csv_dump");
  const paper = parseGalaxyPaperTable(readFileSync(join(galaxyRoot, "paper_comparison_benchmarks.csv"), "utf8"));
  const files = new Set(readdirSync(dumpDir).filter((f) => f.endsWith(".csv")).map((f) => f.slice(0, -4)));
  let matched = paper.filter((p) => files.has(galaxyCsvNameForToolId(p.toolId))).sort((a, b) => a.numInstances - b.numInstances || a.toolId.localeCompare(b.toolId));
  if (matched.length === 0) throw new NoInputFoundError(`${dumpDir}: no CSV matches a tool of the paper's table`);
  if (options.limit !== undefined) matched = matched.filter((p) => p.numInstances >= (options.minJobs ?? 100)).slice(0, options.limit);
  return matched.map((p, i) => {
    const name = galaxyCsvNameForToolId(p.toolId);
    const file = join(dumpDir, `${name}.csv`);
    const score = galaxyToolR2(parseGalaxyFrame(readFileSync(file, "utf8"), file), options);
    const version = /\/([^/]+)$/.exec(p.toolId)?.[1] ?? (/_([0-9][^_]*)$/.exec(name)?.[1] ?? "");
    const paperR2 = p.rfR2 <= -9999 ? NaN : p.rfR2;
    const row: GalaxyReproRow = {
      tool: p.toolId,
      version,
      nJobs: score.nJobs,
      ourR2: score.r2,
      paperR2,
      diff: score.r2 - paperR2,
      note: noteFor(score.nJobs, p.numInstances, score.r2, p.rfR2, score.features.length),
    };
    options.onProgress?.(i + 1, matched.length, row);
    return row;
  });
}
