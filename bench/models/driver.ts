/**
 * Model benchmark driver (gwtime side). Subcommands:
 *   prepare --out DIR            write every benchmark table once as CSV (features, y = log runtime, group, fold)
 *   fit --data CSV --model M --out JSON [--reps N]   fit M on each fold (train = other folds), report R² (log), fit wall/CPU time, peak RSS
 *   report --results DIR --out MD        merge result JSONs into the markdown table
 * The Python side (sk.py) reads the same CSVs and folds.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type * as MT from "../../dist/models";
import type * as ST from "../../dist/util/stats";
import type * as AT from "../../dist/analysis";
import type * as FT from "../../dist/features";

const ROOT = process.cwd(); // run from the project root (run.sh does)
// eslint-disable-next-line @typescript-eslint/no-require-imports
const M: typeof MT = require(join(ROOT, "dist/models"));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S: typeof ST = require(join(ROOT, "dist/util/stats"));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const A: typeof AT = require(join(ROOT, "dist/analysis"));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const F: typeof FT = require(join(ROOT, "dist/features"));

const GALAXY = process.env.GWT_DATA_MIRROR ? join(process.env.GWT_DATA_MIRROR, "galaxy-main/csv_dump") : join(ROOT, "../shared/datasets/galaxy-main/csv_dump");
const GALAXY_TOOLS = ["devteam_bwa_bwa_mem_0.4.2.csv", "devteam_bwa_bwa_0.1.csv", "devteam_samtools_sort_samtools_sort_2.0.1.csv"];
const SEED = 42;

function flag(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
}

interface Manifest { name: string; file: string; kind: string; rows: number; features: number; note: string }

function writeTable(path: string, names: string[], X: ArrayLike<number>[], y: ArrayLike<number>, groups: readonly string[], fold: Int32Array): void {
  const out: string[] = [[...names.map((n) => `f_${n.replace(/[^A-Za-z0-9_.]/g, "_")}`), "y", "group", "fold"].join(",")];
  for (let i = 0; i < X.length; i++) {
    const r = X[i] as ArrayLike<number>;
    const cells: string[] = [];
    for (let j = 0; j < names.length; j++) {
      const v = r[j] as number;
      cells.push(Number.isFinite(v) ? String(v) : "");
    }
    out.push(`${cells.join(",")},${y[i]},${JSON.stringify(groups[i])},${fold[i]}`);
  }
  writeFileSync(path, out.join("\n") + "\n");
}

function foldsOf(groups: readonly string[], k: number): Int32Array {
  const fold = new Int32Array(groups.length);
  M.groupKFold(k, groups, SEED).forEach((f, fi) => f.test.forEach((i) => (fold[i] = fi)));
  return fold;
}

/** Synthetic regression table: p uniform features, 5% NaN in x4, y = sin + product + step + noise. */
function synthetic(n: number, p: number, seed: number): { X: Float64Array[]; y: number[] } {
  const r = S.rng(seed);
  const X: Float64Array[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = new Float64Array(p);
    for (let j = 0; j < p; j++) row[j] = Math.round(r() * 1e6) / 1e6;
    if (r() < 0.05) row[4] = NaN;
    X.push(row);
    y.push(Math.round((Math.sin(6 * (row[0] as number)) + 2 * (row[1] as number) * (row[2] as number) + ((row[3] as number) > 0.5 ? 1 : 0) + 0.5 * (r() - 0.5)) * 1e6) / 1e6);
  }
  return { X, y };
}

/** Steps of the harness table: the ones 05-models ships models for. */
const HARNESS_STEPS = ["bwa_mem", "samtools_view", "sortsam", "markduplicates", "bcftools_call", "freebayes"];

/**
 * The harness table 05-models fits on, from HARNESS_DIR (default data/harness; point it at a live
 * harness for a larger snapshot): per step the unloaded runs' QC features known before the step, the
 * step one-hot, target log CPU time (wall time carries other jobs' load), 3 folds grouped by config id.
 * Stacked rather than one table per step: a step has one row per run (tens), too few for trees with
 * min 20 rows per leaf to split more than once in a fold, whereas the stacked table lets them split on
 * the step and then on quality within it. The CSV name carries the run count, so a grown snapshot is a
 * new table and results on the old one stay apart.
 */
function harnessTable(out: string): { file: string; write: () => Manifest } | undefined {
  const dir = resolve(process.env.HARNESS_DIR ?? join(ROOT, "data/harness"));
  const tracePath = join(dir, "trace.tsv");
  if (!existsSync(tracePath)) {
    console.error(`${tracePath} not found: harness table skipped`);
    return undefined;
  }
  const traceSha = createHash("sha256").update(readFileSync(tracePath)).digest("hex");
  const runs = F.loadHarness(dir).runs;
  const file = join(out, `harness_steps_${runs.length}runs_${traceSha.slice(0, 8)}.csv`);
  return {
    file,
    write: (): Manifest => {
      const t = A.stackedStepTable(runs, HARNESS_STEPS, "cpuS");
      const nGroups = new Set(t.groups).size;
      writeTable(file, t.featureNames, t.X, Array.from(t.yLog), t.groups, foldsOf(t.groups, 3));
      const rel = dir.startsWith(ROOT + "/") ? dir.slice(ROOT.length + 1) : dir;
      const note = `${HARNESS_STEPS.length} steps stacked (${HARNESS_STEPS.join(", ")}; step one-hot), QC features known before each step (NaN for a later stage), target log CPU time, unloaded runs; 3-fold grouped by config id (${nGroups} configs); snapshot ${rel}: ${runs.length} runs, trace.tsv sha256 ${traceSha}`;
      return { name: `harness steps (${runs.length} runs)`, file, kind: "real", rows: t.X.length, features: t.featureNames.length, note };
    },
  };
}

/**
 * Write every benchmark table into `out`. Incremental: a table whose CSV already exists (and is in the
 * old manifest) is kept as is, so results computed on it stay valid and a killed run can resume.
 * Delete a CSV (or the whole directory) to regenerate it. The harness table is named by its snapshot.
 */
function prepare(out: string): void {
  mkdirSync(out, { recursive: true });
  const manPath = join(out, "manifest.json");
  const old = new Map<string, Manifest>();
  if (existsSync(manPath)) for (const d of JSON.parse(readFileSync(manPath, "utf8")) as Manifest[]) old.set(d.file, d);
  const have = (file: string): Manifest | undefined => (existsSync(file) ? old.get(file) : undefined);
  const man: Manifest[] = [];
  for (const tool of GALAXY_TOOLS) {
    const name = `galaxy:${tool.replace(/^devteam_/, "").replace(/\.csv$/, "")}`;
    const file = join(out, `${name.replace(/[^A-Za-z0-9_.-]/g, "_")}.csv`);
    // slices of the first tool where ml-random-forest can finish (1,500 rows does not in 300 s)
    const slices = tool === GALAXY_TOOLS[0] ? [1500, 600, 300] : [];
    const sliceFile = (n: number): string => join(out, n === 1500 ? "galaxy_small.csv" : `galaxy_small${n}.csv`);
    const kept = [have(file), ...slices.map((n) => have(sliceFile(n)))];
    if (kept.every((k) => k !== undefined)) {
      man.push(...(kept as Manifest[]));
      continue;
    }
    const path = join(GALAXY, tool);
    const t = F.galaxyTable(readFileSync(path, "utf8"), path);
    const y = Array.from(t.runtimeS, Math.log);
    writeTable(file, t.featureNames, t.X, y, t.groups, foldsOf(t.groups, 3));
    man.push({ name, file, kind: "real", rows: t.X.length, features: t.featureNames.length, note: `3-fold grouped by input sizes (${new Set(t.groups).size} groups)` });
    for (const n of slices) {
      const g = t.groups.slice(0, n);
      const f2 = sliceFile(n);
      writeTable(f2, t.featureNames, t.X.slice(0, n), y.slice(0, n), g, foldsOf(g, 3));
      man.push({ name: `${name} (first ${n} rows)`, file: f2, kind: n === 1500 ? "real-small" : "mlrf", rows: n, features: t.featureNames.length, note: n === 1500 ? "slice so ml-random-forest can finish" : `slice where ml-random-forest finishes; 3-fold grouped by input sizes (${new Set(g).size} groups)` });
    }
  }
  // harness: the 05-models table (QC features known before each step, stacked over steps); see harnessTable
  const h = harnessTable(out);
  if (h) man.push(have(h.file) ?? h.write());
  // synthetic 2,000 x 20 (the size quoted in issue 6 for ml-random-forest): 2,000 train rows + 500 test rows
  {
    const file = join(out, "synthetic_mlrf_2000x20.csv");
    const k = have(file);
    if (k) man.push(k);
    else {
      const n = 2500;
      const p = 20;
      const { X, y } = synthetic(n, p, 11);
      const fold = Int32Array.from({ length: n }, (_, i) => (i >= 2000 ? 0 : -1));
      writeTable(file, Array.from({ length: p }, (_, j) => `x${j}`), X, y, X.map((_, i) => String(i)), fold);
      man.push({ name: "synthetic 2,000 rows x 20 features (ml-random-forest size from issue 6)", file, kind: "mlrf", rows: 2000, features: p, note: "2,000 training rows + 500 test rows; y = sin + product + step + noise, 5% NaN in x4" });
    }
  }
  // synthetic scale tables
  for (const n of [100_000, 300_000, 1_000_000]) {
    const file = join(out, `synthetic_${n}.csv`);
    const k = have(file);
    if (k) {
      man.push(k);
      continue;
    }
    const p = 10;
    const { X, y } = synthetic(n, p, 7);
    const fold = Int32Array.from({ length: n }, (_, i) => (i % 5 === 0 ? 0 : -1));
    writeTable(file, Array.from({ length: p }, (_, j) => `x${j}`), X, y, X.map((_, i) => String(i)), fold);
    man.push({ name: `synthetic ${n.toLocaleString("en")} rows (scale only)`, file, kind: "synthetic", rows: n, features: p, note: "one 80/20 split; y = sin + product + step + noise, 5% NaN in x4" });
  }
  writeFileSync(manPath, JSON.stringify(man, null, 1));
}

function readTable(file: string): { X: Float64Array[]; y: Float64Array; fold: Int32Array } {
  const lines = readFileSync(file, "utf8").split("\n");
  const head = (lines[0] as string).split(",");
  const p = head.length - 3;
  const X: Float64Array[] = [];
  const y: number[] = [];
  const fold: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i] as string;
    if (!l) continue;
    const cells = l.split(",");
    const row = new Float64Array(p);
    for (let j = 0; j < p; j++) row[j] = cells[j] === "" ? NaN : Number(cells[j]);
    X.push(row);
    y.push(Number(cells[p]));
    fold.push(Number(cells[cells.length - 1]));
  }
  return { X, y: Float64Array.from(y), fold: Int32Array.from(fold) };
}

const MODELS: Record<string, () => MT.Regressor> = {
  "gwtime GBT": () => new M.GradientBoostedTrees({ nEstimators: 300, learningRate: 0.1, numLeaves: 31, minSamplesLeaf: 20, seed: SEED }),
  "gwtime RF-mode": () => new M.GradientBoostedTrees({ mode: "rf", nEstimators: 100, minSamplesLeaf: 1, seed: SEED }),
  "ml-random-forest": () => new M.MlRandomForest({ nEstimators: 100, seed: SEED }),
  "median baseline": () => new M.MedianBaseline(),
  "ridge (log features)": () => new M.LinearRidge({ alpha: 1 }),
  "OLS (log features, ml-regression)": () => new M.LinearOLS(),
};

const median = (v: readonly number[]): number => {
  const s = [...v].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? (s[h] as number) : ((s[h - 1] as number) + (s[h] as number)) / 2;
};

/**
 * Fit `model` on each fold (train = rows of the other folds; fold -1 = always train). With reps > 1 each
 * fold's fit is repeated and the median wall / CPU time is kept (predictions are identical: fixed seed).
 * CPU time = process user+system time (includes V8's GC helper threads).
 */
function fit(data: string, model: string, out: string, reps: number): void {
  const make = MODELS[model];
  if (!make) throw new Error(`unknown model ${model}`);
  const t = readTable(data);
  const rssLoaded = process.memoryUsage().rss;
  const folds = [...new Set(t.fold)].filter((f) => f >= 0).sort((a, b) => a - b);
  const fitS: number[] = [];
  const cpuS: number[] = [];
  const yt: number[] = [];
  const yp: number[] = [];
  for (const f of folds) {
    const tr: number[] = [];
    const te: number[] = [];
    t.fold.forEach((v, i) => (v === f ? te : tr).push(i));
    const Xtr = tr.map((i) => t.X[i] as Float64Array);
    const ytr = Float64Array.from(tr, (i) => t.y[i] as number);
    const wall: number[] = [];
    const cpu: number[] = [];
    let m: MT.Regressor | null = null;
    for (let k = 0; k < reps; k++) {
      m = make();
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      m.fit(Xtr, ytr);
      wall.push((performance.now() - t0) / 1000);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1e6);
    }
    fitS.push(median(wall));
    cpuS.push(median(cpu));
    const p = (m as MT.Regressor).predict(te.map((i) => t.X[i] as Float64Array));
    te.forEach((i, k) => {
      yt.push(t.y[i] as number);
      yp.push(p[k] as number);
    });
  }
  const sum = (v: number[]): number => v.reduce((a, b) => a + b, 0);
  const res = { data, model, folds: folds.length, reps, fitSeconds: fitS, fitSecondsTotal: sum(fitS), fitCpuSeconds: cpuS, fitCpuSecondsTotal: sum(cpuS), r2Log: M.r2(yt, yp), rssLoadedMB: rssLoaded / 2 ** 20, peakRssMB: process.resourceUsage().maxRSS / 1024, lang: `node ${process.version}`, finishedAt: new Date().toISOString() };
  writeFileSync(out, JSON.stringify(res, null, 1));
}

interface Res { data: string; model: string; reps?: number; fitSecondsTotal?: number; fitCpuSecondsTotal?: number; r2Log?: number; peakRssMB?: number; rssLoadedMB?: number; status?: string; timeoutS?: number; finishedAt?: string }

const ORDER = ["gwtime GBT", "LightGBM", "gwtime RF-mode", "scikit-learn RF", "ml-random-forest", "OLS (log features, ml-regression)", "ridge (log features)", "median baseline"];

function report(dir: string, out: string): void {
  const man = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as Manifest[];
  const results: Res[] = readdirSync(dir).filter((f) => f.startsWith("res_") && f.endsWith(".json")).map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as Res);
  const get = (d: Manifest, model: string): Res | undefined => results.find((r) => r.data === d.file && r.model === model && !r.status);
  const L: string[] = [];
  const cpu = readFileSync("/proc/cpuinfo", "utf8").match(/model name\s*:\s*(.*)/)?.[1] ?? "unknown CPU";
  const nCpu = (readFileSync("/proc/cpuinfo", "utf8").match(/^processor\s*:/gm) ?? []).length;
  const fmt = (v: number | undefined, d: number): string => (v === undefined || !Number.isFinite(v) ? "-" : v.toFixed(d));
  const x = (v: number | undefined, d = 2): string => (v === undefined || !Number.isFinite(v) ? "-" : `${v.toFixed(d)}x`);
  const div = (a: number | undefined, b: number | undefined): number | undefined => (a !== undefined && b ? a / b : undefined);
  L.push("# Model benchmark: gwtime vs scikit-learn / LightGBM / ml-random-forest", "");
  L.push(
    `Generated by \`bench/models/run.sh\` (make bench-models). Host: ${cpu}, ${nCpu} cores, shared with other jobs (a DNA-seq harness and other benchmarks) during the run. **Every model single-threaded**: node is single-threaded; scikit-learn n_jobs=1; LightGBM num_threads=1. Same CSV, same features, same grouped folds for every model; R² on log runtime from pooled out-of-fold predictions; fit time = sum over folds of fit() time (data loading and prediction excluded), wall clock and process CPU time (user+system). "reps" = each fold's fit was repeated that many times and the median kept. Because the machine was loaded, absolute times are noisy; compare ratios between models measured back to back on the same table, and prefer the CPU-time ratio where wall times were disturbed by other jobs.`,
    "",
  );
  L.push("Settings: gwtime GBT and LightGBM 300 rounds, learning rate 0.1, 31 leaves, min 20 rows/leaf, 255 bins, no early stopping; gwtime RF-mode and scikit-learn RandomForestRegressor 100 trees, min 1 row/leaf, all features per split, bootstrap; ml-random-forest 100 trees, all features, bootstrap (NaN imputed by the training median). Peak RSS is the whole process (node: V8 + the CSV parsed into row arrays; Python: interpreter + numpy/pandas + the library), so small tables mostly show the runtime's baseline.", "");
  const goals: string[] = [];
  for (const d of man) {
    L.push(`## ${d.name}`, "", `${d.rows.toLocaleString("en")} rows x ${d.features} features; ${d.note}.`, "");
    const rs = results.filter((r) => r.data === d.file);
    const lgb = get(d, "LightGBM");
    L.push("| model | R² (log runtime) | ΔR² vs LightGBM | fit wall (s) | wall / LightGBM | fit CPU (s) | CPU / LightGBM | reps | peak RSS (MB) |", "|---|---|---|---|---|---|---|---|---|");
    if (rs.length === 0) L.push("| (not run yet) | | | | | | | | |");
    for (const r of rs.sort((a, b) => ORDER.indexOf(a.model) - ORDER.indexOf(b.model))) {
      if (r.status) {
        L.push(`| ${r.model} | ${r.status} | | | | | | | |`);
        continue;
      }
      const dr = lgb && r.r2Log !== undefined && lgb.r2Log !== undefined ? r.r2Log - lgb.r2Log : undefined;
      L.push(`| ${r.model} | ${fmt(r.r2Log, 3)} | ${dr === undefined ? "-" : (dr >= 0 ? "+" : "") + dr.toFixed(3)} | ${fmt(r.fitSecondsTotal, 2)} | ${lgb ? x(div(r.fitSecondsTotal, lgb.fitSecondsTotal)) : "-"} | ${fmt(r.fitCpuSecondsTotal, 2)} | ${lgb ? x(div(r.fitCpuSecondsTotal, lgb.fitCpuSecondsTotal)) : "-"} | ${r.reps ?? 1} | ${fmt(r.peakRssMB, 0)} |`);
    }
    const ours = get(d, "gwtime GBT");
    const oursRF = get(d, "gwtime RF-mode");
    const mlrf = rs.find((r) => r.model === "ml-random-forest");
    if (mlrf && !mlrf.status && ours?.fitSecondsTotal && mlrf.fitSecondsTotal) {
      const a = div(mlrf.fitSecondsTotal, ours.fitSecondsTotal);
      const b = div(mlrf.fitSecondsTotal, oursRF?.fitSecondsTotal);
      L.push("", `ml-random-forest / gwtime GBT fit wall time: **${fmt(a, 0)}x**` + (b !== undefined ? `; ml-random-forest / gwtime RF-mode (same 100-tree forest): **${fmt(b, 0)}x**.` : "."));
      goals.push(`| (3) ≥ 50x faster than ml-random-forest | ${d.name} | ml-random-forest ${fmt(mlrf.fitSecondsTotal, 1)} s vs gwtime GBT ${fmt(ours.fitSecondsTotal, 2)} s = **${fmt(a, 0)}x**; vs RF-mode ${fmt(oursRF?.fitSecondsTotal, 2)} s = **${fmt(b, 0)}x** | ${(a ?? 0) >= 50 ? "yes" : "no"} |`);
    } else if (mlrf?.status && ours?.fitSecondsTotal && mlrf.timeoutS) {
      goals.push(`| (3) ≥ 50x faster than ml-random-forest | ${d.name} | ml-random-forest ${mlrf.status}; gwtime GBT ${fmt(ours.fitSecondsTotal, 2)} s, so > **${fmt(mlrf.timeoutS / ours.fitSecondsTotal, 0)}x** (lower bound) | ${mlrf.timeoutS / ours.fitSecondsTotal >= 50 ? "yes (bound)" : "unknown"} |`);
    }
    if ((d.kind === "real" || d.kind === "synthetic") && ours && lgb) {
      const dr = (ours.r2Log ?? NaN) - (lgb.r2Log ?? NaN);
      if (d.kind === "real") goals.push(`| (1) R² within 0.01 of LightGBM | ${d.name} | ${fmt(ours.r2Log, 3)} vs ${fmt(lgb.r2Log, 3)}: ΔR² = ${(dr >= 0 ? "+" : "") + dr.toFixed(3)} | ${dr >= -0.01 ? "yes" : "no"} |`);
      const rw = div(ours.fitSecondsTotal, lgb.fitSecondsTotal);
      const rc = div(ours.fitCpuSecondsTotal, lgb.fitCpuSecondsTotal);
      if (d.kind === "real" || d.rows >= 1_000_000) goals.push(`| (2) fit time within 3x of LightGBM | ${d.name} | wall ${fmt(ours.fitSecondsTotal, 2)} / ${fmt(lgb.fitSecondsTotal, 2)} s = **${x(rw)}**; CPU ${x(rc)} | ${(rw ?? Infinity) <= 3 ? "yes" : (rc ?? Infinity) <= 3 ? "CPU yes, wall no" : "no"} |`);
    }
    L.push("");
  }
  // memory scaling
  const syn = man.filter((d) => d.kind === "synthetic").sort((a, b) => a.rows - b.rows);
  L.push("## Memory and time vs rows (synthetic, gwtime GBT vs LightGBM)", "");
  L.push("Training rows = 80% of the table. \"RSS after load\" is the process RSS once the CSV is parsed (before any fit); \"fit memory\" = peak RSS - RSS after load, i.e. what fitting adds on top of the data already in memory. Linear growth shows as a constant MB per 100k rows.", "");
  L.push("| rows | gwtime fit wall (s) | gwtime fit CPU (s) | gwtime RSS after load (MB) | gwtime peak RSS (MB) | gwtime fit memory (MB) | LightGBM fit wall (s) | LightGBM fit CPU (s) | LightGBM RSS after load (MB) | LightGBM peak RSS (MB) | LightGBM fit memory (MB) |", "|---|---|---|---|---|---|---|---|---|---|---|");
  for (const d of syn) {
    const o = get(d, "gwtime GBT");
    const l = get(d, "LightGBM");
    const fm = (r: Res | undefined): number | undefined => (r?.peakRssMB !== undefined && r.rssLoadedMB !== undefined ? r.peakRssMB - r.rssLoadedMB : undefined);
    L.push(`| ${d.rows.toLocaleString("en")} | ${fmt(o?.fitSecondsTotal, 2)} | ${fmt(o?.fitCpuSecondsTotal, 2)} | ${fmt(o?.rssLoadedMB, 0)} | ${fmt(o?.peakRssMB, 0)} | ${fmt(fm(o), 0)} | ${fmt(l?.fitSecondsTotal, 2)} | ${fmt(l?.fitCpuSecondsTotal, 2)} | ${fmt(l?.rssLoadedMB, 0)} | ${fmt(l?.peakRssMB, 0)} | ${fmt(fm(l), 0)} |`);
  }
  // linearity: slope of peak RSS between consecutive sizes, in MB per 100k rows
  if (syn.length >= 2) {
    L.push("");
    for (const model of ["gwtime GBT", "LightGBM"]) {
      const pts = syn.map((d) => ({ n: d.rows, r: get(d, model) })).filter((q) => q.r?.peakRssMB !== undefined);
      if (pts.length < 2) continue;
      const slopes: string[] = [];
      for (let i = 1; i < pts.length; i++) {
        const a = pts[i - 1] as { n: number; r: Res };
        const b = pts[i] as { n: number; r: Res };
        slopes.push(`${a.n / 1000}k→${b.n / 1000}k: ${(((b.r.peakRssMB as number) - (a.r.peakRssMB as number)) / ((b.n - a.n) / 1e5)).toFixed(1)} MB per 100k rows`);
      }
      const first = pts[0] as { n: number; r: Res };
      const last = pts[pts.length - 1] as { n: number; r: Res };
      const tr = div(last.r.fitSecondsTotal, first.r.fitSecondsTotal);
      L.push(`- ${model}: peak RSS slope ${slopes.join("; ")}; fit wall time x${fmt(tr, 1)} for x${(last.n / first.n).toFixed(0)} rows.`);
      // linear (or better): the MB-per-row slope does not grow with size (20% tolerance for noise)
      const sl = pts.slice(1).map((b, i) => ((b.r?.peakRssMB as number) - ((pts[i] as { r: Res }).r.peakRssMB as number)) / (b.n - (pts[i] as { n: number }).n));
      const linear = sl.every((v, i) => i === 0 || v <= 1.2 * (sl[i - 1] as number));
      goals.push(`| (4) memory linear in rows | ${model}, ${first.n.toLocaleString("en")}→${last.n.toLocaleString("en")} rows | peak RSS ${fmt(first.r.peakRssMB, 0)} → ${fmt(last.r.peakRssMB, 0)} MB (x${fmt((last.r.peakRssMB as number) / (first.r.peakRssMB as number), 1)} for x${(last.n / first.n).toFixed(0)} rows); ${slopes.join("; ")} | ${linear ? "yes (slope does not grow)" : "no (slope grows)"} |`);
    }
  }
  L.push("");
  if (goals.length) {
    L.push("## Goals of issue 6, from the tables above", "", "| goal | table | measured | met |", "|---|---|---|---|", ...goals.sort(), "");
  }
  // hand-written notes (profile, what was run) kept next to the driver
  const notes = join(ROOT, "bench/models/notes.md");
  if (existsSync(notes)) L.push(readFileSync(notes, "utf8").trim(), "");
  mkdirSync(resolve(out, ".."), { recursive: true });
  writeFileSync(out, L.join("\n"));
}

const [cmd, ...rest] = process.argv.slice(2);
if (cmd === "prepare") prepare(flag(rest, "out") as string);
else if (cmd === "fit") fit(flag(rest, "data") as string, flag(rest, "model") as string, flag(rest, "out") as string, Number(flag(rest, "reps") ?? 1));
else if (cmd === "report") report(flag(rest, "results") as string, flag(rest, "out") as string);
else {
  console.error("usage: driver.js prepare --out DIR | fit --data CSV --model NAME --out JSON [--reps N] | report --results DIR --out MD");
  process.exit(1);
}
