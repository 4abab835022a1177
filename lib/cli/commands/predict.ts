import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { qcFeatureRecords } from "../../features/qcRecords";
import { readFeatureTable } from "../../features/featureTable";
import { loadModel, predictTiered, type FeatureRecord, type LoadedModel, type TieredPrediction } from "../../models";
import { loadTrustedModel, readTrustedKey, shortKeyId } from "../../models/signature";
import { readTrace } from "../../traces/read";
import { stepsBySample } from "../../traces/bySample";
import { terminalSafe as shown } from "../../util/safeText";
import { momentViolations } from "../../workflow/moment";
import { observedStepColumns } from "../../workflow/observed";
import { type Command, flagString, parseArgs } from "../command";

/**
 * In-flight columns per sample from a trace of the running workflow: each completed step's observed CPU/wall
 * time and output bytes (`ancestor.<step>.*`), matched to samples by the trace's sample/tag.
 */
function observedBySample(tracePath: string): Map<string, Record<string, number>> {
  const trace = readTrace(tracePath);
  for (const i of trace.issues.slice(0, 5)) process.stderr.write(`gwtime predict: ${shown(i.file)}${i.line ? `:${i.line}` : ""}: ${shown(i.message)}\n`);
  const by = stepsBySample(trace.runs);
  return new Map([...by].map(([s, m]) => [s, observedStepColumns(m)]));
}

function table(rows: readonly TieredPrediction[]): string {
  // A split-conformal interval is unbounded when the calibration set is too small for its coverage.
  const f = (v: number | null, d = 1): string => (v === null ? "-" : v > 1e15 ? "unbounded" : v.toFixed(d));
  const cov = rows.find((r) => r.coverage != null)?.coverage;
  const k = rows.find((r) => r.tailK != null)?.tailK;
  // a TSV cell: control characters shown escaped (terminal-safe), so a name never breaks the columns
  const clean = (s: string): string => shown(s).replace(/\t/g, " ");
  const head = ["sample", "step", "tier", "predicted_s", cov != null ? `lower_s(${Math.round(cov * 100)}%)` : "lower_s", "upper_s", k != null ? `p_tail(>${k}x median)` : "p_tail", "outside_training_range", "error"];
  const body = rows.map((r) => [clean(r.sample), clean(r.step), r.tier ?? "-", f(r.predicted), f(r.lower), f(r.upper), f(r.tailProbability, 3), r.outsideTrainingRange.join(",") || "-", r.error === null ? "-" : clean(r.error)]);
  return [head, ...body].map((c) => c.join("\t")).join("\n") + "\n";
}

/** Model files named by --model: one file, a folder (every *.json in it), or a comma-separated list. */
export function modelPaths(arg: string): string[] {
  return arg.split(",").filter((p) => p.length > 0).flatMap((p) => {
    let dir = false;
    try {
      dir = statSync(p).isDirectory();
    } catch {
      // loadModel names the unreadable file
    }
    return dir ? readdirSync(p).filter((f) => f.endsWith(".json")).sort().map((f) => join(p, f)) : [p];
  });
}

/** `gwtime predict`: per sample and step, the richest usable tier's run time, interval and tail probability. */
export const predictCommand: Command = {
  name: "predict",
  summary: "predict run time, interval and tail-risk probability per sample (and step) from saved models, richest usable tier per sample",
  usage:
    "gwtime predict --model <m.json|models-dir|a.json,b.json> (--features <file.csv|tsv|json> | --qc <dir|files|multiqc_data/> [--sample-from-dir]) [--trace <trace of the running workflow>] [--trusted-key <pub.pem>[,<pub2.pem>]] [--json]   " +
    "(per sample and step the richest tier whose features are all present and possible; --trace adds the completed steps' observed times and sizes, enabling in-flight tiers; --trusted-key refuses (exit 1, naming the file) any model that is unsigned, signed by another key, forged or changed after signing; exit 1 only when no sample could be predicted; --group-by-dir: old name of --sample-from-dir)",
  async run(argv) {
    const args = parseArgs(argv, ["json", "sample-from-dir", "group-by-dir"]);
    const modelArg = flagString(args, "model");
    if (!modelArg) throw new Error(`--model is required. usage: ${this.usage}`);
    const featuresPath = flagString(args, "features");
    const qc = flagString(args, "qc");
    if (!featuresPath && !qc) throw new Error(`give --features <file> or --qc <dir>. usage: ${this.usage}`);
    let ids: string[];
    let records: FeatureRecord[];
    let source: string;
    if (featuresPath) {
      ({ ids, records } = readFeatureTable(featuresPath));
      source = featuresPath;
    } else {
      const paths = [qc as string, ...args.positional];
      // QC wide rows plus the derived metrics the models use; one sample per folder with --sample-from-dir
      // (the same flag as `gwtime qc`; --group-by-dir is its old name).
      const got = qcFeatureRecords(paths, { sampleFromDir: args.flags.has("sample-from-dir") || args.flags.has("group-by-dir") });
      for (const f of got.failed) process.stderr.write(`gwtime predict: skipped ${shown(f.file)}: ${shown(f.reason)}\n`);
      ids = got.ids;
      records = got.records;
      source = qc as string;
    }
    const tracePath = flagString(args, "trace");
    if (tracePath) {
      const obs = observedBySample(tracePath);
      records = records.map((r, i) => ({ ...r, ...(obs.get(ids[i] as string) ?? {}) }));
    }
    const paths = modelPaths(modelArg);
    if (paths.length === 0) throw new Error(`--model ${modelArg}: no model file (*.json) found`);
    // --trusted-key: every model must carry a signature by one of these keys (checked before the model is parsed)
    const trustedArg = flagString(args, "trusted-key");
    const trusted = trustedArg ? trustedArg.split(",").filter((k) => k).map(readTrustedKey) : undefined;
    const models: Array<{ loaded: LoadedModel; path: string }> = paths.map((p) => ({ loaded: trusted ? loadTrustedModel(p, trusted) : loadModel(p), path: p }));
    if (trusted) process.stderr.write(`gwtime predict: ${models.length} model(s), each signed by a trusted key (${trusted.map((t) => `${shortKeyId(t.id)} ${shown(t.source)}`).join(", ")})\n`);
    // a model that reads what is not known at its moment would predict from the future: refused, naming the file
    for (const { loaded, path } of models) {
      const bad = momentViolations(loaded.file);
      if (bad.length) throw new Error(`${path}: model of moment '${loaded.file.moment}' refused: ${bad.join("; ")}`);
    }
    const preds = predictTiered(models, records, ids, source);
    for (const p of preds) if (p.error !== null) process.stderr.write(`gwtime predict: ${shown(p.sample)} (${shown(p.step)}): ${shown(p.error)}\n`);
    process.stdout.write(args.flags.has("json") ? `${JSON.stringify(preds, null, 1)}\n` : table(preds));
    // Non-zero only when no sample could be predicted for any step.
    return preds.some((p) => p.error === null) ? 0 : 1;
  },
};
