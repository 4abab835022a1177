/**
 * Seeded fuzzing of every parser gwtime exposes to files: each case is a mutated real input; a "crash"
 * is any exception other than the parser's documented refusal (GwtInputError, ModelLoadError,
 * ModelInputError), a "hang" a case taking over 1 s of CPU time. Trace readers are also fuzzed differentially:
 * the TS and DuckDB paths must agree row for row. `make fuzz` runs 10,000 cases per target.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { zipSync } from "fflate";
import { projectRoot } from "../data/paths";
import { ModelInputError } from "../models/estimator";
import { predictRuntime } from "../models/predict";
import { ModelLoadError, canonicalJSON, parseModel } from "../models/serialize";
import { wideRecord } from "../qc/collect";
import { QC_MODULES } from "../qc/modules";
import { GwtInputError, errorMessage } from "../util/errors";
import { sha256 } from "../util/hash";
import { HOSTILE_TOKENS, Mutator } from "./mutate";

/** What one target's run found. */
export interface FuzzResult {
  readonly target: string;
  readonly cases: number;
  /** Unexpected exceptions: case number and message (first 5 kept). */
  readonly crashes: number;
  readonly crashExamples: string[];
  /**
   * Cases that took more than `HANG_MS` of CPU time. CPU, not wall time: the parsers are pure
   * in-memory functions (no I/O to block on), and on a shared machine (load 20 on 2 cores while the
   * suite ran) wall time per case swings with other jobs, not with the input.
   */
  readonly hangs: number;
  /** Most CPU time one case took (ms). */
  readonly maxCaseCpuMs: number;
  /** Cases whose output held a non-finite number (NaN/Infinity) in a wide column (reported, not a crash). */
  readonly nonFinite: number;
  readonly maxCaseMs: number;
  readonly seconds: number;
}

/** A case taking more CPU time than this counts as a hang. */
const HANG_MS = 1000;

/** Run `n` cases of `one(i)` (returns true when its output held a non-finite number); collect the figures. */
function runCases(target: string, n: number, one: (i: number) => boolean, allowed: (e: unknown) => boolean): FuzzResult {
  const t0 = performance.now();
  let crashes = 0;
  let hangs = 0;
  let nonFinite = 0;
  let maxCaseMs = 0;
  let maxCaseCpuMs = 0;
  const crashExamples: string[] = [];
  for (let i = 0; i < n; i++) {
    const c0 = performance.now();
    const u0 = process.cpuUsage();
    try {
      if (one(i)) nonFinite++;
    } catch (e) {
      if (!allowed(e)) {
        crashes++;
        if (crashExamples.length < 5) crashExamples.push(`case ${i}: ${e instanceof Error ? `${e.name}: ` : ""}${errorMessage(e).slice(0, 300)}`);
      }
    }
    const ms = performance.now() - c0;
    const u = process.cpuUsage(u0);
    const cpuMs = (u.user + u.system) / 1000;
    if (cpuMs > HANG_MS) hangs++;
    if (ms > maxCaseMs) maxCaseMs = ms;
    if (cpuMs > maxCaseCpuMs) maxCaseCpuMs = cpuMs;
  }
  return { target, cases: n, crashes, crashExamples, hangs, nonFinite, maxCaseMs, maxCaseCpuMs, seconds: (performance.now() - t0) / 1000 };
}

/** A committed real QC output of the harness (run r0001), the seed of a QC target. */
export function harnessQcFile(name: string): string {
  return join(projectRoot(), "data", "harness", "runs", "r0001", "qc", name);
}

const hasNonFinite = (records: readonly Parameters<typeof wideRecord>[0][]): boolean =>
  records.some((r) => Object.values(wideRecord(r).columns).some((v) => typeof v === "number" && !Number.isFinite(v)));

/**
 * Fuzz one QC parser (registry key) on mutations of `seedFile`: text mutations, and byte mutations for
 * binary inputs (`zip`: the real zip's bytes mutated, and zips of mutated `fastqc_data.txt`).
 */
export function fuzzQc(target: string, key: string, seedFile: string, fileName: string, n: number, seed: number): FuzzResult {
  const mod = QC_MODULES[key];
  if (!mod) throw new Error(`no parser '${key}'`);
  const src = readFileSync(seedFile);
  const m = new Mutator(seed);
  const zip = fileName.endsWith(".zip");
  const inner = zip ? (() => {
    const { fastqcDataFromZip } = require("../qc/fastqc/zip") as typeof import("../qc/fastqc/zip");
    return fastqcDataFromZip(src, seedFile);
  })() : "";
  return runCases(target, n, () => {
    let bytes: Uint8Array;
    if (zip) bytes = m.int(2) ? m.bytes(src) : zipSync({ "x_fastqc/fastqc_data.txt": Buffer.from(m.text(inner)) }, { level: m.int(2) ? 6 : 0 });
    else bytes = m.int(5) ? Buffer.from(m.text(src.toString("utf8"))) : m.bytes(src);
    const records = mod.parse({ bytes, text: Buffer.from(bytes).toString("utf8") }, fileName, {});
    return hasNonFinite(records);
  }, (e) => e instanceof GwtInputError);
}

/**
 * Fuzz model loading: text mutations of the shipped model (the checksum catches most), and value
 * mutations with the checksum recomputed (what anyone can do), then a prediction on one sample.
 */
export function fuzzModel(n: number, seed: number): FuzzResult {
  const path = join(projectRoot(), "artifacts", "models", "harness-bwa_mem-fastp.json");
  const text = readFileSync(path, "utf8");
  const base = JSON.parse(text) as Record<string, unknown>;
  const m = new Mutator(seed);
  const paths: (string | number)[][] = [];
  const walk = (v: unknown, p: (string | number)[]): void => {
    paths.push(p);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...p, i]));
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) if (k !== "bodySha256") walk(x, [...p, k]);
  };
  walk(base, []);
  const values: unknown[] = [...HOSTILE_TOKENS.slice(0, 20), 1e308, -1e308, 0, -1, 5, 1e-320, null, true, [], {}, [1, 2], "log10", -0.5];
  return runCases("model JSON", n, () => {
    let doc: string;
    if (m.int(4) === 0) doc = m.text(text);
    else {
      const o = JSON.parse(text) as Record<string, unknown>;
      const p = m.pick(paths.filter((x) => x.length > 0));
      let parent: Record<string | number, unknown> = o;
      for (const k of p.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
      const last = p[p.length - 1] as string | number;
      if (m.int(6) === 0) delete parent[last];
      else parent[last] = m.pick(values);
      const { bodySha256: _drop, ...rest } = o;
      let sum = "";
      try {
        sum = sha256(canonicalJSON(rest));
      } catch {
        sum = "x"; // non-serialisable value: the loader refuses it anyway
      }
      doc = JSON.stringify({ ...rest, bodySha256: sum });
    }
    const loaded = parseModel(doc, { source: "fuzz.json" });
    const rec = Object.fromEntries(loaded.file.features.map((f, i) => [f.name, 10 ** (i % 7)]));
    const [pred] = predictRuntime(loaded, [rec], ["S1"]);
    return [pred?.predicted, pred?.lower, pred?.upper].some((v) => typeof v === "number" && Number.isNaN(v));
  }, (e) => e instanceof ModelLoadError || e instanceof ModelInputError || e instanceof GwtInputError);
}
