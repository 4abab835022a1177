import { writeFileSync } from "node:fs";
import { completedTime, type TimeMeasure } from "../../data/stepRows";
import { qcFeatureRecords } from "../../features/qcRecords";
import { calibratedModelJSON, calibrationFromPoints, calibrationPoints, loadModel, modelCard, modelStep, parseModel, writeModelText } from "../../models";
import { readTrace } from "../../traces/read";
import { stepsBySample } from "../../traces/bySample";
import { terminalSafe as shown } from "../../util/safeText";
import { observedStepColumns } from "../../workflow/observed";
import { type Command, flagString, parseArgs } from "../command";

/** `gwtime calibrate`: rescale a model (and its conformal interval) to a new machine from a few runs made there. */
export const calibrateCommand: Command = {
  name: "calibrate",
  summary: "recalibrate a model to a new machine from a few runs there: per-step scale with its CI and a conformal interval, written into a new model file and card",
  usage: "gwtime calibrate --model m.json --trace <trace of the new machine> --qc <dir> [<dir>...] [--sample-from-dir] --out m.calibrated.json [--alpha 0.1]   (samples are matched to trace rows by name; the model's step and time measure are used)",
  async run(argv) {
    const args = parseArgs(argv, ["sample-from-dir", "group-by-dir"]);
    const modelPath = flagString(args, "model");
    const tracePath = flagString(args, "trace");
    const qc = flagString(args, "qc");
    const out = flagString(args, "out");
    if (!modelPath || !tracePath || !qc || !out) throw new Error(`--model, --trace, --qc and --out are required. usage: ${this.usage}`);
    const alpha = Number(flagString(args, "alpha") ?? "0.1");
    if (!(alpha > 0 && alpha < 1)) throw new Error(`--alpha: expected a number in (0, 1), got '${flagString(args, "alpha")}'`);
    const loaded = loadModel(modelPath);
    const step = modelStep(loaded, modelPath);
    const measure = loaded.file.target.name as TimeMeasure;
    if (measure !== "cpuS" && measure !== "wallS") throw new Error(`${modelPath}: target '${loaded.file.target.name}' is not a trace time (cpuS or wallS)`);
    const trace = readTrace(tracePath);
    for (const i of trace.issues.slice(0, 5)) process.stderr.write(`gwtime calibrate: ${shown(i.file)}${i.line ? `:${i.line}` : ""}: ${shown(i.message)}\n`);
    const bySample = stepsBySample(trace.runs);
    const got = qcFeatureRecords([qc, ...args.positional], { sampleFromDir: args.flags.has("sample-from-dir") || args.flags.has("group-by-dir") });
    for (const f of got.failed) process.stderr.write(`gwtime calibrate: skipped ${shown(f.file)}: ${shown(f.reason)}\n`);
    // in-flight models read their ancestors' observed times and sizes from the same trace
    const records = got.records.map((r, i) => ({ ...r, ...observedStepColumns(bySample.get(got.ids[i] as string) ?? new Map()) }));
    const actual = new Map<string, number>();
    for (const [s, steps] of bySample) {
      const v = completedTime(steps.get(step), measure);
      if (v !== undefined) actual.set(s, v);
    }
    const { points, skipped } = calibrationPoints(loaded, records, got.ids, actual);
    for (const s of skipped) process.stderr.write(`gwtime calibrate: ${shown(s.sample)}: not used (${shown(s.reason)})\n`);
    const cpus = [...new Set(trace.runs.filter((t) => t.task === step && points.some((p) => p.sample === t.sample)).map((t) => t.raw["cpu_model"] ?? t.machine ?? "").filter((c) => c))].sort();
    const cal = calibrationFromPoints(points, { alpha, cpuModels: cpus, source: tracePath });
    const text = calibratedModelJSON(loaded.file, cal);
    // a recalibrated model is a new body: unsigned until `gwtime model sign` (a stale .sig beside it is removed)
    writeModelText(out, text);
    const card = out.replace(/\.json$/, "") + ".md";
    writeFileSync(card, modelCard(parseModel(text).file));
    process.stderr.write(`gwtime calibrate: ${step}: ${cal.runs} runs, scale ${cal.scale.toFixed(3)} (90% CI ${cal.scaleLo.toFixed(3)}-${cal.scaleHi.toFixed(3)})${cal.conformalHalfWidthLog === null ? ", too few runs for a conformal interval" : `, interval x/÷ ${Math.exp(cal.conformalHalfWidthLog).toFixed(2)}`} -> ${out}, ${card}\n`);
    return 0;
  },
};
