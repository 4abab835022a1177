// SYNTHETIC data for the `gwtime train` scale benchmark (never real, never committed): a Nextflow trace of
// `tasks` rows over `samples` samples (10 processes, nf-core naming `NFCORE_BENCH:BENCH:PROCn (sample)`) and
// a MultiQC general-stats table of the samples (FastQC columns). Run times follow the read count and
// quality with noise, seeded, so models have something to learn. Usage: node gen.js TASKS SAMPLES OUTDIR
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const [tasks, samples] = [Number(process.argv[2]), Number(process.argv[3])];
const out = process.argv[4];
if (!(tasks > 0 && samples > 0 && out)) throw new Error("usage: node gen.js TASKS SAMPLES OUTDIR");
let s = 12345;
const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
const gauss = () => Math.sqrt(-2 * Math.log(rnd() + 1e-12)) * Math.cos(2 * Math.PI * rnd());
fs.mkdirSync(path.join(out, "multiqc_data"), { recursive: true });
const name = (i) => `S${String(i).padStart(6, "0")}`;
const reads = new Float64Array(samples);
const dup = new Float64Array(samples);
const gs = ["Sample\tfastqc-total_sequences\tfastqc-percent_gc\tfastqc-percent_duplicates\tfastqc-avg_sequence_length"];
for (let i = 0; i < samples; i++) {
  reads[i] = Math.exp(15 + 1.2 * gauss());
  dup[i] = 5 + 40 * rnd();
  gs.push(`${name(i)}\t${reads[i].toFixed(0)}\t${(40 + 10 * rnd()).toFixed(1)}\t${dup[i].toFixed(3)}\t${(100 + 50 * rnd()).toFixed(1)}`);
}
fs.writeFileSync(path.join(out, "multiqc_data", "multiqc_general_stats.txt"), gs.join("\n") + "\n");
const fd = fs.openSync(path.join(out, "trace.txt"), "w");
fs.writeSync(fd, "task_id\thash\tnative_id\tname\tstatus\texit\tsubmit\tduration\trealtime\t%cpu\tpeak_rss\n");
const PROCS = 10;
const t0 = Date.UTC(2025, 0, 1);
let buf = [];
for (let k = 0; k < tasks; k++) {
  const smp = k % samples;
  const proc = Math.floor(k / samples) % PROCS;
  const sec = Math.max(1, 1e-5 * reads[smp] * (1 + proc) * (1 + dup[smp] / 50) * Math.exp(0.2 * gauss()));
  const submit = new Date(t0 + k * 1000).toISOString().replace("T", " ").replace("Z", "");
  buf.push(`${k + 1}\t${(k % 256).toString(16).padStart(2, "0")}/${k.toString(16).padStart(6, "0")}\t${k}\tNFCORE_BENCH:BENCH:PROC${proc} (${name(smp)})\tCOMPLETED\t0\t${submit}\t${(sec + 1).toFixed(1)}s\t${sec.toFixed(1)}s\t${(100 + 100 * rnd()).toFixed(1)}%\t${(100 + 900 * rnd()).toFixed(1)} MB\n`);
  if (buf.length >= 10000) { fs.writeSync(fd, buf.join("")); buf = []; }
}
fs.writeSync(fd, buf.join(""));
fs.closeSync(fd);
