import { qcFeatureRecords } from "../../features/qcRecords";
import { loadModel, predictRuntime, readFeatureTable, type FeatureRecord, type SamplePrediction } from "../../models";
import { type Command, flagString, parseArgs } from "../command";

function table(rows: readonly SamplePrediction[]): string {
  // A split-conformal interval is unbounded when the calibration set is too small for its coverage.
  const f = (v: number | null, d = 1): string => (v === null ? "-" : v > 1e15 ? "unbounded" : v.toFixed(d));
  const cov = rows[0]?.coverage;
  const k = rows[0]?.tailK;
  const head = ["sample", "predicted_s", cov != null ? `lower_s(${Math.round(cov * 100)}%)` : "lower_s", "upper_s", k != null ? `p_tail(>${k}x median)` : "p_tail"];
  const body = rows.map((r) => [r.sample, f(r.predicted), f(r.lower), f(r.upper), f(r.tailProbability, 3)]);
  return [head, ...body].map((c) => c.join("\t")).join("\n") + "\n";
}

/** `gwtime predict`: per-sample predicted run time, interval and tail probability from a saved model. */
export const predictCommand: Command = {
  name: "predict",
  summary: "predict run time, interval and tail-risk probability per sample from a saved model",
  usage: "gwtime predict --model artifacts/models/<m>.json (--features <file.csv|tsv|json> | --qc <dir|files|multiqc_data.json> [--sample-from-dir]) [--json]   (--group-by-dir: old name of --sample-from-dir)",
  async run(argv) {
    const args = parseArgs(argv, ["json", "sample-from-dir", "group-by-dir"]);
    const modelPath = flagString(args, "model");
    if (!modelPath) throw new Error(`--model is required. usage: ${this.usage}`);
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
      for (const f of got.failed) process.stderr.write(`gwtime predict: skipped ${f.file}: ${f.reason}\n`);
      ids = got.ids;
      records = got.records;
      source = qc as string;
    }
    const loaded = loadModel(modelPath, { expectFeatures: records });
    const preds = predictRuntime(loaded, records, ids, source);
    process.stdout.write(args.flags.has("json") ? `${JSON.stringify(preds, null, 1)}\n` : table(preds));
    return 0;
  },
};
