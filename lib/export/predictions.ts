/**
 * The one shape every export target writes: per step (model), per sample, the predicted run time, its
 * interval, the time limit at the chosen quantile, the queue bin and the tail probability, plus what
 * was left out and why. Predictions come from the shipped model files through the public
 * loadModel/predictRuntime; nothing here re-implements a model.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { TIERS } from "../features/tiers";
import { loadModel, predictRuntime, type FeatureRecord, type LoadedModel } from "../models";
import { GwtInputError } from "../util/errors";
import { sha256 } from "../util/hash";
import { VERSION } from "../version";
import { binFor, checkQuantile, quantileLimit, type QueueBin } from "./quantile";

/** A model file and the process/rule/tool name it stands for in the target workflow. */
interface ModelSpec {
  readonly path: string;
  /** Name in the target workflow (Nextflow process selector, Snakemake rule, Galaxy tool id). */
  readonly process: string;
}

/** One sample's exported numbers (seconds of the model's target). */
interface SampleLimit {
  readonly sample: string;
  readonly predictedS: number;
  readonly lowerS: number;
  readonly upperS: number;
  /** The limit: the `quantile` upper quantile of the predicted run time. */
  readonly limitS: number;
  /** Smallest queue bin covering limitS; null when it exceeds every bin. */
  readonly bin: string | null;
  readonly tailProbability: number | null;
  /** Model features this sample's QC lacks (the model sees them as missing). */
  readonly missingFeatures: readonly string[];
  /** "complete": every model feature present; "partial": some missing (see missingFeatures). */
  readonly tier: "complete" | "partial";
  /** Estimated input size in bytes (size feature x bytes per unit), null when the QC lacks it. */
  readonly sizeBytes: number | null;
}

/** One step (model) of the export. */
export interface StepLimits {
  /** Step the model was trained for (from the file name, harness-<step>.json). */
  readonly step: string;
  /** Its name in the target workflow. */
  readonly process: string;
  readonly modelFile: string;
  /** sha256 of the model file's bytes. */
  readonly modelSha256: string;
  readonly target: { readonly name: string; readonly unit: string };
  /** Nominal two-sided coverage of the model's interval (1 - alpha). */
  readonly coverage: number;
  /** k of the tail definition P(run > k x median), null without a tail model. */
  readonly tailK: number | null;
  readonly samples: readonly SampleLimit[];
  /** Limit for samples not in the batch: the largest per-sample limit of this step in the batch. */
  readonly fallbackS: number;
}

/** Something the export could not cover, with the reason. */
interface LeftOut {
  readonly step?: string;
  readonly sample?: string;
  readonly reason: string;
}

/** Everything an export target needs. */
export interface ExportBatch {
  readonly gwtimeVersion: string;
  readonly quantile: number;
  readonly bins: readonly QueueBin[];
  readonly steps: readonly StepLimits[];
  readonly leftOut: readonly LeftOut[];
}

/** Options of buildExport. */
interface ExportOptions {
  readonly quantile: number;
  readonly bins: readonly QueueBin[];
  /** The target workflow's process/rule names; models for other names are left out with a message. */
  readonly processes?: readonly string[];
  /** QC column giving the input's size (default derived.total_bases: bases per mate). */
  readonly sizeFeature?: string;
  /** Bytes of input per unit of sizeFeature (default 4.35: paired uncompressed FASTQ, see DEFAULT_SIZE). */
  readonly bytesPerUnit?: number;
}

/**
 * Input size for Galaxy's `input_size` (GiB of the job's input files): the QC's bases per mate times
 * the FASTQ bytes per base. 4.35 = 2 mates x 2.17 bytes per base, measured on harness run r0002
 * (86,977,780 bytes of uncompressed FASTQ for 2 x 20,000,000 bases: sequence, quality and headers);
 * gzipped FASTQ is about a quarter of that: pass --bytes-per-unit.
 */
export const DEFAULT_SIZE = { sizeFeature: "derived.total_bases", bytesPerUnit: 4.35 } as const;

/**
 * The step a model file is for, from its name: `harness-bwa_mem-fastp.json` -> `bwa_mem` (the tier
 * suffix dropped, then the text after the last '-'); `harness-bcftools_call.json` -> `bcftools_call`.
 */
export function stepOfModelFile(path: string): string {
  const b = basename(path).replace(/\.json$/i, "");
  const tier = TIERS.find((t) => b.endsWith(`-${t}`));
  const stem = tier ? b.slice(0, -(tier.length + 1)) : b;
  return stem.slice(stem.lastIndexOf("-") + 1);
}

/**
 * `--model path[=PROCESS]`: the process name defaults to the step of the file name.
 * @example parseModelSpec("artifacts/models/harness-bwa_mem.json=NFCORE_SAREK:SAREK:.*:BWAMEM1_MEM")
 */
export function parseModelSpec(text: string): ModelSpec {
  const eq = text.indexOf("=");
  const path = eq >= 0 ? text.slice(0, eq) : text;
  const process = eq >= 0 ? text.slice(eq + 1) : stepOfModelFile(path);
  if (!path) throw new GwtInputError(`empty model path in '${text}'`, { field: "--model" });
  if (!process) throw new GwtInputError(`empty process name in '${text}'`, { field: "--model" });
  return { path, process };
}

/**
 * Limits for one loaded model over a batch of samples (pure apart from the model's predict).
 * Samples lacking every model feature, or with a non-finite or unbounded interval, are left out.
 */
function stepLimits(
  loaded: LoadedModel,
  meta: { step: string; process: string; modelFile: string; modelSha256: string },
  ids: readonly string[],
  records: readonly FeatureRecord[],
  opts: Pick<ExportOptions, "quantile" | "bins" | "sizeFeature" | "bytesPerUnit">,
): { step: StepLimits | null; leftOut: LeftOut[] } {
  const leftOut: LeftOut[] = [];
  const names = loaded.file.features.map((f) => f.name);
  const present = (r: FeatureRecord, n: string): boolean => typeof r[n] === "number" && Number.isFinite(r[n] as number);
  const keepIds: string[] = [];
  const keepRecs: FeatureRecord[] = [];
  const missingOf = new Map<string, string[]>();
  const sizeOf = new Map<string, number | null>();
  const sizeFeature = opts.sizeFeature ?? DEFAULT_SIZE.sizeFeature;
  const bytesPerUnit = opts.bytesPerUnit ?? DEFAULT_SIZE.bytesPerUnit;
  ids.forEach((id, i) => {
    const r = records[i] as FeatureRecord;
    const miss = names.filter((n) => !present(r, n));
    if (miss.length === names.length) {
      leftOut.push({ step: meta.step, sample: id, reason: `QC holds none of the model's ${names.length} features` });
      return;
    }
    // Absent columns become explicit nulls: the model treats them as missing values for this sample only.
    const filled: Record<string, number | null> = {};
    for (const n of names) filled[n] = present(r, n) ? (r[n] as number) : null;
    keepIds.push(id);
    keepRecs.push(filled);
    missingOf.set(id, miss);
    sizeOf.set(id, present(r, sizeFeature) && (r[sizeFeature] as number) > 0 ? (r[sizeFeature] as number) * bytesPerUnit : null);
  });
  const preds = keepIds.length > 0 ? predictRuntime(loaded, keepRecs, keepIds, meta.modelFile) : [];
  const scale = loaded.file.target.transform;
  const samples: SampleLimit[] = [];
  let coverage: number | null = null;
  let tailK: number | null = null;
  for (const p of preds) {
    coverage = p.coverage;
    tailK = p.tailK;
    if (p.predicted === null || p.upper === null || p.lower === null || p.coverage === null) {
      leftOut.push({ step: meta.step, sample: p.sample, reason: "the model gives no interval (not a RuntimePredictor/SplitConformal model)" });
      continue;
    }
    if (!Number.isFinite(p.predicted) || !(p.predicted > 0) || !(p.upper < 1e15)) {
      leftOut.push({ step: meta.step, sample: p.sample, reason: `no usable prediction (predicted ${p.predicted}, upper ${p.upper > 1e15 ? "unbounded" : p.upper})` });
      continue;
    }
    const limitS = quantileLimit({ predicted: p.predicted, upper: p.upper, coverage: p.coverage }, opts.quantile, scale);
    const miss = missingOf.get(p.sample) ?? [];
    samples.push({
      sample: p.sample,
      predictedS: p.predicted,
      lowerS: p.lower,
      upperS: p.upper,
      limitS,
      bin: binFor(limitS, opts.bins)?.name ?? null,
      tailProbability: p.tailProbability,
      missingFeatures: miss,
      tier: miss.length === 0 ? "complete" : "partial",
      sizeBytes: sizeOf.get(p.sample) ?? null,
    });
  }
  for (const s of samples) if (s.bin === null) leftOut.push({ step: meta.step, sample: s.sample, reason: `limit ${Math.ceil(s.limitS)} s exceeds the largest bin (${opts.bins[opts.bins.length - 1]?.name}): Nextflow and TPV cap it there, Snakemake and MultiQC show it as is` });
  if (samples.length === 0 || coverage === null) {
    leftOut.push({ step: meta.step, reason: "no sample has a prediction: step left out" });
    return { step: null, leftOut };
  }
  const step: StepLimits = {
    ...meta,
    target: { name: loaded.file.target.name, unit: loaded.file.target.unit },
    coverage,
    tailK,
    samples,
    fallbackS: Math.max(...samples.map((s) => s.limitS)),
  };
  return { step, leftOut };
}

/**
 * Load every model, predict every sample, compute limits and bins. Models whose process is not in
 * `opts.processes` (when given), unreadable model files and samples without a prediction are left
 * out with their reason; the rest is exported.
 * @example buildExport([parseModelSpec("artifacts/models/harness-bwa_mem.json")], qcFeatureRecords(dirs, { groupByDir: true }), { quantile: 0.95, bins: parseBins("normal=4h") })
 */
export function buildExport(models: readonly ModelSpec[], batch: { ids: readonly string[]; records: readonly FeatureRecord[] }, opts: ExportOptions): ExportBatch {
  checkQuantile(opts.quantile);
  if (batch.ids.length !== batch.records.length) throw new GwtInputError(`${batch.ids.length} sample ids for ${batch.records.length} QC records`);
  const steps: StepLimits[] = [];
  const leftOut: LeftOut[] = [];
  const seen = new Set<string>();
  for (const m of models) {
    const step = stepOfModelFile(m.path);
    if (opts.processes && !opts.processes.includes(m.process)) {
      leftOut.push({ step, reason: `process '${m.process}' (model ${m.path}) is not in the target workflow (${opts.processes.join(", ")}): model left out` });
      continue;
    }
    if (seen.has(m.process)) {
      leftOut.push({ step, reason: `a second model for process '${m.process}' (${m.path}): left out, the first one is exported` });
      continue;
    }
    let bytes: Buffer;
    let loaded: LoadedModel;
    try {
      bytes = readFileSync(m.path);
      loaded = loadModel(m.path);
    } catch (e) {
      leftOut.push({ step, reason: `model ${m.path} not loaded: ${e instanceof Error ? e.message : String(e)}` });
      continue;
    }
    seen.add(m.process);
    const got = stepLimits(loaded, { step, process: m.process, modelFile: m.path, modelSha256: sha256(bytes) }, batch.ids, batch.records, opts);
    if (got.step) steps.push(got.step);
    leftOut.push(...got.leftOut);
  }
  return { gwtimeVersion: VERSION, quantile: opts.quantile, bins: opts.bins, steps, leftOut };
}

/** One line of provenance for a file header: version, quantile, coverage source. */
export function provenanceLines(batch: ExportBatch): string[] {
  const lines = [
    `written by gwtime ${batch.gwtimeVersion} (gwtime export); limits are the ${batch.quantile} upper quantile of the predicted run time`,
    `quantile from each model's two-sided split-conformal interval: its upper end is the 1 - alpha/2 quantile (symmetric residuals); other quantiles scale its half-width on the model's scale by z(q)/z(1 - alpha/2) (normal residual shape, an assumption)`,
    `samples not listed get the step's fallback: the largest per-sample limit of the batch; retries after a walltime kill get limit x attempt`,
  ];
  for (const s of batch.steps) lines.push(`step ${s.step} -> ${s.process}: target ${s.target.name} (${s.target.unit}), interval coverage ${s.coverage}, model ${basename(s.modelFile)} sha256 ${s.modelSha256}`);
  for (const l of batch.leftOut) lines.push(`left out: ${l.step ?? ""}${l.sample !== undefined ? ` sample ${JSON.stringify(l.sample)}` : ""}: ${l.reason}`);
  return lines;
}
