// One `gwtime train` run on SYNTHETIC data, timed per phase (read trace, read QC, join, fit all steps).
// Prints one JSON line. Usage: node run.js DATADIR OUTDIR   (peak RSS: wrap with /usr/bin/time -v)
"use strict";
const path = require("node:path");
const root = path.resolve(__dirname, "..", "..");
const { readTraces } = require(path.join(root, "dist/traces/read"));
const { readQcSources } = require(path.join(root, "dist/train/qcSource"));
const { joinTasksToQc } = require(path.join(root, "dist/train/join"));
const { stepTable } = require(path.join(root, "dist/train/features"));
const { fitStepModel } = require(path.join(root, "dist/train/fit"));
(async () => {
  const [dir, out] = process.argv.slice(2);
  const t = [process.hrtime.bigint()];
  const lap = () => { t.push(process.hrtime.bigint()); return Number(t[t.length - 1] - t[t.length - 2]) / 1e9; };
  const traces = readTraces([path.join(dir, "trace.txt")], { format: "nextflow" });
  const readS = lap();
  const qc = readQcSources([path.join(dir, "multiqc_data")]);
  const qcS = lap();
  const j = await joinTasksToQc(traces, qc, { target: "cpu" });
  const joinS = lap();
  const steps = [...new Set(j.tasks.map((x) => x.step))].sort();
  const r2 = [];
  const fit = process.env.BENCH_TRAIN_FIT !== "0";
  for (const step of fit ? steps : []) {
    const { table } = stepTable(step, j.tasks, j.samples, { moment: "submission" });
    r2.push(fitStepModel(table, out, { fileStem: step, target: "cpuS", description: "SYNTHETIC benchmark data", seed: 7 }).cvR2);
  }
  const fitS = lap();
  process.stdout.write(JSON.stringify({ tasks: j.report.tasksRead, samples: qc[0].rows.length, joined: j.report.tasksJoined, readS, qcS, joinS, fitS, totalS: readS + qcS + joinS + fitS, steps: steps.length, medianCvR2: fit ? r2.sort()[Math.floor(r2.length / 2)] : null, fit }) + "\n");
})().catch((e) => { console.error(e); process.exit(1); });
