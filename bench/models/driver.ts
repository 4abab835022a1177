/**
 * Model benchmark driver (gwtime side). Subcommands:
 *   prepare --out DIR            write every benchmark table once as CSV (features, y = log runtime, group, fold)
 *   fit --data CSV --model M --out JSON   fit M on each fold (train = other folds), report R² (log) and fit time
 *   report --results DIR --out MD        merge result JSONs into the markdown table
 * The Python side (sk.py) reads the same CSVs and folds.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type * as MT from "../../dist/models";
import type * as ST from "../../dist/util/stats";

const ROOT = process.cwd(); // run from the project root (run.sh does)
// eslint-disable-next-line @typescript-eslint/no-require-imports
const M: typeof MT = require(join(ROOT, "dist/models"));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S: typeof ST = require(join(ROOT, "dist/util/stats"));

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

function prepare(out: string): void {
  mkdirSync(out, { recursive: true });
  const man: Manifest[] = [];
  for (const tool of GALAXY_TOOLS) {
    const path = join(GALAXY, tool);
    const t = M.galaxyTable(readFileSync(path, "utf8"), path);
    const y = Array.from(t.runtimeS, Math.log);
    const name = `galaxy:${tool.replace(/^devteam_/, "").replace(/\.csv$/, "")}`;
    const file = join(out, `${name.replace(/[^A-Za-z0-9_.-]/g, "_")}.csv`);
    writeTable(file, t.featureNames, t.X, y, t.groups, foldsOf(t.groups, 3));
    man.push({ name, file, kind: "real", rows: t.X.length, features: t.featureNames.length, note: `3-fold grouped by input sizes (${new Set(t.groups).size} groups)` });
    if (tool === GALAXY_TOOLS[0]) {
      // a 1,500-row slice where ml-random-forest can finish
      const n = 1500;
      const g = t.groups.slice(0, n);
      const f2 = join(out, "galaxy_small.csv");
      writeTable(f2, t.featureNames, t.X.slice(0, n), y.slice(0, n), g, foldsOf(g, 3));
      man.push({ name: `${name} (first ${n} rows)`, file: f2, kind: "real-small", rows: n, features: t.featureNames.length, note: "slice so ml-random-forest can finish" });
    }
  }
  // harness trace (if present)
  const trace = join(ROOT, "data/harness/trace.tsv");
  if (existsSync(trace)) {
    const lines = readFileSync(trace, "utf8").trim().split("\n");
    const head = (lines[0] as string).split("\t");
    const c = (n: string): number => head.indexOf(n);
    const rows = lines.slice(1).map((l) => l.split("\t")).filter((r) => r[c("status")] === "COMPLETED" && Number(r[c("realtime")]) > 0);
    const tools = [...new Set(rows.map((r) => r[c("process")] as string))].sort();
    const names = ["tool", "input_bytes", "threads", "cpus", "load1_start"];
    const X = rows.map((r) => Float64Array.from([tools.indexOf(r[c("process")] as string), Number(r[c("input_bytes")]), Number(r[c("threads")]), Number(r[c("cpus")]), Number(r[c("load1_start")])]));
    const y = rows.map((r) => Math.log(Number(r[c("realtime")]) / 1000));
    const groups = rows.map((r) => r[c("tag")] as string);
    const nGroups = new Set(groups).size;
    if (rows.length >= 30 && nGroups >= 3) {
      const file = join(out, "harness_trace.csv");
      writeTable(file, names, X, y, groups, foldsOf(groups, 3));
      man.push({ name: "harness trace (all steps)", file, kind: "real", rows: rows.length, features: names.length, note: `3-fold grouped by run (${nGroups} runs); trace still being generated` });
    } else console.error(`harness trace has ${rows.length} completed rows / ${nGroups} runs: skipped`);
  } else console.error("data/harness/trace.tsv not found: harness set skipped");
  // synthetic scale tables
  for (const n of [100_000, 300_000, 1_000_000]) {
    const r = S.rng(7);
    const p = 10;
    const X: Float64Array[] = [];
    const y: number[] = [];
    for (let i = 0; i < n; i++) {
      const row = new Float64Array(p);
      for (let j = 0; j < p; j++) row[j] = Math.round(r() * 1e6) / 1e6;
      if (r() < 0.05) row[4] = NaN;
      X.push(row);
      y.push(Math.round((Math.sin(6 * (row[0] as number)) + 2 * (row[1] as number) * (row[2] as number) + ((row[3] as number) > 0.5 ? 1 : 0) + 0.5 * (r() - 0.5)) * 1e6) / 1e6);
    }
    const fold = Int32Array.from({ length: n }, (_, i) => (i % 5 === 0 ? 0 : -1));
    const file = join(out, `synthetic_${n}.csv`);
    writeTable(file, Array.from({ length: p }, (_, j) => `x${j}`), X, y, X.map((_, i) => String(i)), fold);
    man.push({ name: `synthetic ${n.toLocaleString("en")} rows (scale only)`, file, kind: "synthetic", rows: n, features: p, note: "one 80/20 split; y = sin + product + step + noise, 5% NaN in x4" });
  }
  writeFileSync(join(out, "manifest.json"), JSON.stringify(man, null, 1));
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
};

function fit(data: string, model: string, out: string): void {
  const make = MODELS[model];
  if (!make) throw new Error(`unknown model ${model}`);
  const t = readTable(data);
  const rssLoaded = process.memoryUsage().rss;
  const folds = [...new Set(t.fold)].filter((f) => f >= 0).sort((a, b) => a - b);
  const fitS: number[] = [];
  const yt: number[] = [];
  const yp: number[] = [];
  for (const f of folds) {
    const tr: number[] = [];
    const te: number[] = [];
    t.fold.forEach((v, i) => (v === f ? te : tr).push(i));
    const Xtr = tr.map((i) => t.X[i] as Float64Array);
    const ytr = Float64Array.from(tr, (i) => t.y[i] as number);
    const m = make();
    const t0 = performance.now();
    m.fit(Xtr, ytr);
    fitS.push((performance.now() - t0) / 1000);
    const p = m.predict(te.map((i) => t.X[i] as Float64Array));
    te.forEach((i, k) => {
      yt.push(t.y[i] as number);
      yp.push(p[k] as number);
    });
  }
  const res = { data, model, folds: folds.length, fitSeconds: fitS, fitSecondsTotal: fitS.reduce((a, b) => a + b, 0), r2Log: M.r2(yt, yp), rssLoadedMB: rssLoaded / 2 ** 20, peakRssMB: process.resourceUsage().maxRSS / 1024, lang: `node ${process.version}` };
  writeFileSync(out, JSON.stringify(res, null, 1));
}

interface Res { data: string; model: string; fitSecondsTotal?: number; r2Log?: number; peakRssMB?: number; rssLoadedMB?: number; status?: string; timeoutS?: number }

function report(dir: string, out: string): void {
  const man = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as Manifest[];
  const results: Res[] = readdirSync(dir).filter((f) => f.startsWith("res_") && f.endsWith(".json")).map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as Res);
  const L: string[] = [];
  const cpu = readFileSync("/proc/cpuinfo", "utf8").match(/model name\s*:\s*(.*)/)?.[1] ?? "unknown CPU";
  L.push("# Model benchmark: gwtime vs scikit-learn / LightGBM / ml-random-forest", "");
  L.push(`Generated by \`bench/models/run.sh\` (make bench-models). Host: ${cpu}; every model single-threaded (node is single-threaded; scikit-learn n_jobs=1, LightGBM num_threads=1). Same CSV, same features, same grouped folds for every model; R² on log runtime from pooled out-of-fold predictions; fit time = sum over folds of fit() wall time (prediction excluded). Machine was shared with other jobs during the run, so absolute times are noisy; ratios come from the same run.`, "");
  L.push("Settings: gwtime GBT and LightGBM 300 rounds, learning rate 0.1, 31 leaves, min 20 rows/leaf, 255 bins; gwtime RF-mode and scikit-learn RandomForestRegressor 100 trees, min 1 row/leaf, all features per split, bootstrap; ml-random-forest 100 trees (NaN imputed by median).", "");
  const fmt = (v: number | undefined, d: number): string => (v === undefined || !Number.isFinite(v) ? "-" : v.toFixed(d));
  for (const d of man) {
    L.push(`## ${d.name}`, "", `${d.rows.toLocaleString("en")} rows x ${d.features} features; ${d.note}.`, "");
    const rs = results.filter((r) => r.data === d.file);
    const lgb = rs.find((r) => r.model === "LightGBM" && !r.status);
    const mlrf = rs.find((r) => r.model === "ml-random-forest");
    L.push("| model | R² (log runtime) | ΔR² vs LightGBM | fit time (s) | fit time / LightGBM | peak RSS (MB) |", "|---|---|---|---|---|---|");
    const order = ["gwtime GBT", "LightGBM", "gwtime RF-mode", "scikit-learn RF", "ml-random-forest", "ridge (log features)", "median baseline"];
    for (const r of rs.sort((a, b) => order.indexOf(a.model) - order.indexOf(b.model))) {
      if (r.status) {
        L.push(`| ${r.model} | ${r.status} | | | | |`);
        continue;
      }
      const dr = lgb && r.r2Log !== undefined && lgb.r2Log !== undefined ? r.r2Log - lgb.r2Log : undefined;
      const ratio = lgb && r.fitSecondsTotal !== undefined && lgb.fitSecondsTotal ? r.fitSecondsTotal / lgb.fitSecondsTotal : undefined;
      L.push(`| ${r.model} | ${fmt(r.r2Log, 3)} | ${dr === undefined ? "-" : (dr >= 0 ? "+" : "") + dr.toFixed(3)} | ${fmt(r.fitSecondsTotal, 2)} | ${ratio === undefined ? "-" : ratio.toFixed(2) + "x"} | ${fmt(r.peakRssMB, 0)} |`);
    }
    const ours = rs.find((r) => r.model === "gwtime GBT" && !r.status);
    const oursRF = rs.find((r) => r.model === "gwtime RF-mode" && !r.status);
    if (mlrf && !mlrf.status && ours?.fitSecondsTotal && mlrf.fitSecondsTotal) {
      L.push("", `ml-random-forest / gwtime GBT fit time: **${(mlrf.fitSecondsTotal / ours.fitSecondsTotal).toFixed(0)}x**` + (oursRF?.fitSecondsTotal ? `; ml-random-forest / gwtime RF-mode (same 100-tree forest): **${(mlrf.fitSecondsTotal / oursRF.fitSecondsTotal).toFixed(0)}x**.` : "."));
    }
    L.push("");
  }
  // memory scaling
  const syn = man.filter((d) => d.kind === "synthetic");
  L.push("## Memory and time vs rows (synthetic, gwtime GBT vs LightGBM)", "", "| rows | gwtime fit (s) | gwtime peak RSS (MB) | gwtime RSS after loading data (MB) | LightGBM fit (s) | LightGBM peak RSS (MB) |", "|---|---|---|---|---|---|");
  for (const d of syn) {
    const o = results.find((r) => r.data === d.file && r.model === "gwtime GBT" && !r.status);
    const l = results.find((r) => r.data === d.file && r.model === "LightGBM" && !r.status);
    L.push(`| ${d.rows.toLocaleString("en")} | ${fmt(o?.fitSecondsTotal, 2)} | ${fmt(o?.peakRssMB, 0)} | ${fmt(o?.rssLoadedMB, 0)} | ${fmt(l?.fitSecondsTotal, 2)} | ${fmt(l?.peakRssMB, 0)} |`);
  }
  L.push("");
  mkdirSync(resolve(out, ".."), { recursive: true });
  writeFileSync(out, L.join("\n"));
}

const [cmd, ...rest] = process.argv.slice(2);
if (cmd === "prepare") prepare(flag(rest, "out") as string);
else if (cmd === "fit") fit(flag(rest, "data") as string, flag(rest, "model") as string, flag(rest, "out") as string);
else if (cmd === "report") report(flag(rest, "results") as string, flag(rest, "out") as string);
else {
  console.error("usage: driver.js prepare --out DIR | fit --data CSV --model NAME --out JSON | report --results DIR --out MD");
  process.exit(1);
}
