/**
 * Model files: deterministic JSON with schema version, model type + params, feature names + units +
 * transforms, target, training-data sha256, CV metrics, seed, gwtime version, learned state, and a
 * sha256 of the body. Loading parses plain JSON, checks version and checksum, rebuilds typed models
 * through the registry (validating every shape) and never evaluates anything from the file.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { sha256 } from "../util/hash";
import { VERSION } from "../version";
import { type Matrix, type ModelState, NotFittedError, type Regressor } from "./estimator";
import type { FeatureRecord, FeatureSpec } from "./features";
import { missingFeatures } from "./features";
import { rebuildModel } from "./registry";
import { ModelFormatError } from "./shape";
import type { Calibration, TrainingEnvelope } from "./envelope";
import { MODEL_FEATURE_TRANSFORMS, MODEL_TARGET_TRANSFORMS, type ModelTargetTransform } from "../util/transforms";

/** The model-file schema this gwtime writes and reads. */
export const SCHEMA_VERSION = 1;

/**
 * What the model predicts and on which scale. `name` is the source column of the target: the
 * `TaskRun` field the model was trained on (`cpuS`, `wallS`); `gwtime calibrate` compares with the same
 * field and `gwtime predict`/`export` print it with `unit`. The transform is applied and undone through
 * lib/util/transforms (`inverse(transform, prediction)` gives the value in `unit`).
 */
export interface TargetSpec {
  readonly name: string;
  readonly unit: string;
  /** "log": the model predicts ln(value); "identity": the value itself. */
  readonly transform: ModelTargetTransform;
}

/** Descriptive metadata stored beside the model. */
export interface ModelMeta {
  readonly features: readonly FeatureSpec[];
  readonly target: TargetSpec;
  readonly trainingDataSha256: string;
  readonly seed: number;
  /** Cross-validated metrics (name → value), e.g. { r2Log: 0.83, mdape: 0.21 }. */
  readonly cvMetrics?: Readonly<Record<string, number>>;
  /** Free text: what data, which step/tool. */
  readonly description?: string;
  /** Workflow step the model predicts (e.g. "bwa_mem"); `gwtime predict` groups models by it. */
  readonly step?: string;
  /** Feature tier (lib/features/tiers: "fastqc" | "fastp" | "in-flight"); richer tiers are tried first. */
  readonly tier?: string;
  /** Prediction moment the features are known at ("submission" | "in-flight"). */
  readonly moment?: string;
  /** Training envelope (lib/models/envelope): feature ranges, read counts, reference, CPU. */
  readonly envelope?: TrainingEnvelope;
  /** Recalibration to another machine (`gwtime calibrate`), when the file was recalibrated. */
  readonly calibration?: Calibration;
  /** When the model was fitted on a sample of the step's rows (large traces), how it was drawn. */
  readonly sampling?: TrainingSample;
}

/** A capped, seeded sample of a step's rows the model was fitted on (`gwtime train --max-rows`). */
export interface TrainingSample {
  /** Joined rows the step had. */
  readonly rowsAvailable: number;
  /** Rows the model (and its CV) used. */
  readonly rowsUsed: number;
  /** How they were drawn, in words. */
  readonly method: string;
  readonly seed: number;
}

/** A model file's content. */
export interface ModelFile extends ModelMeta {
  readonly schemaVersion: number;
  readonly gwtimeVersion: string;
  readonly modelType: string;
  readonly params: Record<string, unknown>;
  readonly state: unknown;
  readonly cvMetrics: Readonly<Record<string, number>>;
  readonly description: string;
  /** sha256 of the canonical JSON of every other field. */
  readonly bodySha256: string;
}

/** A loaded model with its metadata. */
export interface LoadedModel {
  readonly model: Regressor;
  readonly file: ModelFile;
}

/** Refusal to load a model file (version, checksum, features, shape); names the file. */
export class ModelLoadError extends Error {
  constructor(message: string, file?: string) {
    super(file ? `${file}: ${message}` : message);
    this.name = "ModelLoadError";
  }
}

/**
 * Canonical JSON: object keys sorted, numbers as JS shortest round-trip text, arrays of numbers on
 * one line, two-space indentation. Non-finite numbers are refused. Same value → same bytes.
 */
export function canonicalJSON(v: unknown, indent = "  ", depth = 0): string {
  if (v === null) return "null";
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new ModelFormatError(`cannot serialize non-finite number ${v}`);
    return Object.is(v, -0) ? "0" : JSON.stringify(v);
  }
  if (typeof v === "string" || typeof v === "boolean") return JSON.stringify(v);
  if (ArrayBuffer.isView(v)) return canonicalJSON(Array.from(v as unknown as ArrayLike<number>), indent, depth);
  const pad = indent.repeat(depth + 1);
  const end = indent.repeat(depth);
  if (Array.isArray(v)) {
    if (v.length === 0) return "[]";
    if (v.every((x) => typeof x !== "object" || x === null)) return `[${v.map((x) => canonicalJSON(x, indent, depth + 1)).join(",")}]`;
    return `[\n${v.map((x) => pad + canonicalJSON(x, indent, depth + 1)).join(",\n")}\n${end}]`;
  }
  if (typeof v === "object") {
    const keys = Object.keys(v as object)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort();
    if (keys.length === 0) return "{}";
    return `{\n${keys.map((k) => `${pad}${JSON.stringify(k)}: ${canonicalJSON((v as Record<string, unknown>)[k], indent, depth + 1)}`).join(",\n")}\n${end}}`;
  }
  throw new ModelFormatError(`cannot serialize a ${typeof v}`);
}

/**
 * sha256 of a canonical binary serialization of (X, y): "gwtime-xy-v1", n, p, then X row-major and
 * y as little-endian float64 (NaN canonicalized).
 */
export function trainingDataSha256(X: Matrix, y: ArrayLike<number>): string {
  const n = X.length;
  const p = n > 0 ? (X[0] as ArrayLike<number>).length : 0;
  const head = Buffer.from(`gwtime-xy-v1 ${n} ${p}\n`, "utf8");
  const body = new Float64Array(n * p + y.length);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) body[i * p + j] = (X[i] as ArrayLike<number>)[j] as number;
  for (let i = 0; i < y.length; i++) body[n * p + i] = y[i] as number;
  for (let i = 0; i < body.length; i++) if (body[i] !== body[i]) body[i] = NaN;
  const bytes = Buffer.alloc(body.length * 8);
  for (let i = 0; i < body.length; i++) bytes.writeDoubleLE(body[i] as number, i * 8);
  return sha256(Buffer.concat([head, bytes]));
}

function body(model: Regressor, meta: ModelMeta): Omit<ModelFile, "bodySha256"> {
  const s: ModelState = model.toJSON();
  if (s.state === null) throw new ModelFormatError(`${s.type} is not fitted: only fitted models can be saved`);
  return {
    schemaVersion: SCHEMA_VERSION,
    gwtimeVersion: VERSION,
    modelType: s.type,
    params: s.params,
    state: s.state,
    features: meta.features.map((f) => ({ name: f.name, unit: f.unit, transform: f.transform, registryName: f.registryName })),
    target: { ...meta.target },
    trainingDataSha256: meta.trainingDataSha256,
    seed: meta.seed,
    cvMetrics: { ...(meta.cvMetrics ?? {}) },
    description: meta.description ?? "",
    step: meta.step,
    tier: meta.tier,
    moment: meta.moment,
    envelope: meta.envelope,
    calibration: meta.calibration,
    sampling: meta.sampling,
  };
}

/** The model file text (deterministic: same model + meta → same bytes). */
export function modelToJSON(model: Regressor, meta: ModelMeta): string {
  const b = body(model, meta);
  const bodySha256 = sha256(canonicalJSON(b));
  return canonicalJSON({ ...b, bodySha256 }) + "\n";
}

/** Where a model file's Ed25519 signature lives (`lib/models/signature.ts`): `<model>.sig` next to it. */
export function signaturePath(modelPath: string): string {
  return `${modelPath}.sig`;
}

/**
 * Write model-file text, keeping its signature only while it still signs this body: a `<path>.sig`
 * left from an earlier model with another body checksum is removed (the new model is unsigned until
 * `gwtime model sign`); an unchanged model keeps its valid signature. Returns whether one was removed.
 */
export function writeModelText(path: string, text: string): { staleSignatureRemoved: boolean } {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  const sig = signaturePath(path);
  if (!existsSync(sig)) return { staleSignatureRemoved: false };
  let signed: unknown;
  try {
    signed = (JSON.parse(readFileSync(sig, "utf8")) as { bodySha256?: unknown }).bodySha256;
  } catch {
    signed = undefined;
  }
  const body = (JSON.parse(text) as { bodySha256?: unknown }).bodySha256;
  if (signed === body) return { staleSignatureRemoved: false };
  rmSync(sig, { force: true });
  return { staleSignatureRemoved: true };
}

/** Write a model file (creating the directory); a stale signature beside it is removed (`writeModelText`). */
export function saveModel(path: string, model: Regressor, meta: ModelMeta): void {
  writeModelText(path, modelToJSON(model, meta));
}

/** Model files larger than this are refused before reading (shipped models are ~35 KB; `LoadOptions.maxBytes`). */
const DEFAULT_MAX_MODEL_BYTES = 64 * 1024 * 1024;

/** Deepest JSON nesting a model file may have (shipped ridge models: 7; ml-random-forest trees nest deeper); deeper is refused before parsing. */
export const MAX_MODEL_JSON_DEPTH = 1000;

/**
 * Deepest `[`/`{` nesting of JSON text (strings skipped), stopping early once past `limit`. Linear,
 * no recursion: the check runs before JSON.parse and the recursive canonical JSON ever see the text.
 */
export function jsonDepth(text: string, limit = Infinity): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) i++;
        else if (d === 34) break;
      }
    } else if (c === 91 || c === 123) {
      if (++depth > max) max = depth;
      if (max > limit) return max;
    } else if (c === 93 || c === 125) depth--;
  }
  return max;
}

/** Options for parseModel/loadModel. */
export interface LoadOptions {
  /** Refuse files larger than this many bytes before reading them (default `DEFAULT_MAX_MODEL_BYTES`). */
  readonly maxBytes?: number;
  /** Feature names (or records) the input provides; loading refuses if the model needs others. */
  readonly expectFeatures?: readonly string[] | readonly FeatureRecord[];
  /** File name for messages. */
  readonly source?: string;
}

/** Parse and verify model-file text; see loadModel. */
export function parseModel(text: string, opts: LoadOptions = {}): LoadedModel {
  const src = opts.source;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_MODEL_BYTES;
  if (text.length > maxBytes) throw new ModelLoadError(`${text.length} characters, more than the model-file limit of ${maxBytes} bytes; not parsed`, src);
  if (jsonDepth(text, MAX_MODEL_JSON_DEPTH) > MAX_MODEL_JSON_DEPTH) throw new ModelLoadError(`JSON nested deeper than ${MAX_MODEL_JSON_DEPTH} levels; not parsed`, src);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ModelLoadError(`not valid JSON (${(e as Error).message})`, src);
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new ModelLoadError("not a gwtime model file (expected a JSON object)", src);
  const o = raw as Record<string, unknown>;
  if (o.schemaVersion !== SCHEMA_VERSION) {
    throw new ModelLoadError(`unknown schemaVersion ${JSON.stringify(o.schemaVersion)}: this gwtime (${VERSION}) reads schema ${SCHEMA_VERSION} only; retrain or use a matching gwtime`, src);
  }
  const { bodySha256, ...rest } = o;
  if (typeof bodySha256 !== "string") throw new ModelLoadError("bodySha256 is missing", src);
  let actual: string;
  try {
    actual = sha256(canonicalJSON(rest));
  } catch (e) {
    throw new ModelLoadError((e as Error).message, src);
  }
  if (actual !== bodySha256) throw new ModelLoadError(`checksum mismatch: body sha256 is ${actual} but the file says ${bodySha256} — the file was modified or corrupted`, src);
  const features = o.features;
  const featureTransforms: readonly unknown[] = MODEL_FEATURE_TRANSFORMS;
  // registryName is optional: files written before it was recorded load without it (see FeatureSpec).
  if (!Array.isArray(features) || !features.every((f) => typeof f === "object" && f !== null && typeof f.name === "string" && typeof f.unit === "string" && featureTransforms.includes(f.transform) && (f.registryName === undefined || typeof f.registryName === "string"))) {
    throw new ModelLoadError(`features must be a list of {name, unit, transform: ${MODEL_FEATURE_TRANSFORMS.join("|")}, registryName?}`, src);
  }
  const t = o.target as Record<string, unknown> | undefined;
  const targetTransforms: readonly unknown[] = MODEL_TARGET_TRANSFORMS;
  if (typeof t !== "object" || t === null || typeof t.name !== "string" || typeof t.unit !== "string" || !targetTransforms.includes(t.transform)) {
    throw new ModelLoadError(`target must be {name, unit, transform: ${MODEL_TARGET_TRANSFORMS.join("|")}} (got ${JSON.stringify(t)?.slice(0, 200)})`, src);
  }
  const specs = features as FeatureSpec[];
  if (opts.expectFeatures) {
    const ef = opts.expectFeatures;
    const recs: FeatureRecord[] = ef.length > 0 && typeof ef[0] === "string" ? [Object.fromEntries((ef as string[]).map((k) => [k, NaN]))] : (ef as FeatureRecord[]);
    const miss = missingFeatures(recs, specs);
    if (miss.length > 0) throw new ModelLoadError(`the input lacks feature(s) this model needs: ${miss.join(", ")} (model features: ${specs.map((f) => f.name).join(", ")})`, src);
  }
  let model: Regressor;
  try {
    model = rebuildModel({ type: o.modelType as string, params: o.params as Record<string, unknown>, state: o.state });
  } catch (e) {
    throw new ModelLoadError((e as Error).message, src);
  }
  // A file whose learned state (or a part's) is null holds an unfitted model: refuse it here, not at predict.
  try {
    model.predict([new Array<number>(specs.length).fill(1)]);
  } catch (e) {
    if (e instanceof NotFittedError) throw new ModelLoadError(`no learned state: ${e.message}`, src);
  }
  return { model, file: o as unknown as ModelFile };
}

/**
 * Load a model file. Refuses (ModelLoadError, naming the file) an unknown schema version, a
 * checksum mismatch, features the input lacks (with `expectFeatures`), an unknown model type or a
 * malformed state; a file over `maxBytes` (default 64 MiB) before reading it, JSON nested deeper than
 * `MAX_MODEL_JSON_DEPTH` before parsing it. Never executes code from the file.
 * @example const { model, file } = loadModel("artifacts/models/bwa.json", { expectFeatures: Object.keys(rows[0]) });
 */
export function loadModel(path: string, opts: LoadOptions = {}): LoadedModel {
  let text: string;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_MODEL_BYTES;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new Error("not a regular file");
    if (st.size > maxBytes) throw new ModelLoadError(`${st.size} bytes, more than the model-file limit of ${maxBytes} bytes; not read`, path);
    text = readFileSync(path, "utf8");
  } catch (e) {
    if (e instanceof ModelLoadError) throw e;
    throw new ModelLoadError(`cannot read (${(e as Error).message})`, path);
  }
  return parseModel(text, { ...opts, source: opts.source ?? path });
}
