// One `gwtime train` run (the library's `train`, as the CLI calls it) on SYNTHETIC data, timed per phase
// (read trace, read QC, join, fit all steps, write). Prints one JSON line.
// Usage: node run.js DATADIR OUTDIR   (peak RSS: wrap with /usr/bin/time -v). BENCH_TRAIN_MAX_ROWS: the row cap (default: train's).
// BENCH_TRAIN_MEMLOG=1 (or =gc with node --expose-gc): memory at each phase boundary on stderr (./memlog.js).
"use strict";
const path = require("node:path");
const root = path.resolve(__dirname, "..", "..");
const { train } = require(path.join(root, "dist/train/train"));
if (process.env.BENCH_TRAIN_MEMLOG) require("./memlog")(root, process.env.BENCH_TRAIN_MEMLOG);
(async () => {
  const [dir, out] = process.argv.slice(2);
  const maxRows = process.env.BENCH_TRAIN_MAX_ROWS === undefined ? undefined : Number(process.env.BENCH_TRAIN_MAX_ROWS);
  const t0 = process.hrtime.bigint();
  const r = await train({ trace: [path.join(dir, "trace.txt")], qc: [path.join(dir, "multiqc_data")], out, target: "cpu", moment: "submission", seed: 7, maxRows });
  const totalS = Number(process.hrtime.bigint() - t0) / 1e9;
  const r2 = r.steps.filter((s) => s.model).map((s) => s.model.cvR2).sort((a, b) => a - b);
  const p = r.phaseS;
  process.stdout.write(JSON.stringify({
    tasks: r.join.tasksRead, joined: r.join.tasksJoined, samples: r.join.qcRows, readS: p.readTraces, qcS: p.readQc, joinS: p.join, fitS: p.fit, writeS: p.write, totalS,
    steps: r.steps.length, models: r2.length, fittedRowsPerStep: Math.max(...r.steps.map((s) => (s.sampling ? s.sampling.rowsUsed : s.runs))), maxRows: maxRows ?? "default",
    medianCvR2: r2.length ? r2[Math.floor(r2.length / 2)] : null,
  }) + "\n");
})().catch((e) => { console.error(e); process.exit(1); });
