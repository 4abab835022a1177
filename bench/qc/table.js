// Turn bench/qc/run.sh results (TSV) into the markdown table of artifacts/bench/qc.md.
"use strict";
const { readFileSync } = require("node:fs");
const os = require("node:os");
const lines = readFileSync(process.argv[2], "utf8").trim().split("\n").map((l) => l.split("\t"));
const wallS = (s) => s.split(":").reduce((a, x) => a * 60 + Number(x), 0); // h:mm:ss or m:ss.ss
const scales = lines.filter((l) => l[0] === "files").map((l) => ({ n: l[1], files: Number(l[2]), bytes: Number(l[3]) }));
const get = (label, n) => lines.find((l) => l[0] === label && l[1] === n);
const out = [
  "# QC parsing benchmark: gwtime vs MultiQC",
  "",
  `Machine: ${os.cpus()[0]?.model ?? "?"} x${os.cpus().length}, Node ${process.version}. One run per cell (wall clock and peak RSS from \`/usr/bin/time -v\`, process start to exit, including writing outputs).`,
  "Inputs: multiqc-test-data modules fastqc, picard, gatk, samtools, fastp (read in place); 10x/100x = replicated trees of symlinks renamed per replicate.",
  "MultiQC: `multiqc -f -q --no-report -m fastqc -m picard -m gatk -m samtools -m fastp` (parses and writes multiqc_data, no HTML). gwtime: `gwtime qc <tree> --out x.csv`.",
  "",
  `Load average at the end: ${os.loadavg().map((x) => x.toFixed(1)).join(", ")} on ${os.cpus().length} CPUs (shared machine: wall times are noisy; CPU s = user + sys is the steadier measure).`,
  "",
  "| scale | files | MB | tool | wall s | CPU s | files/s (wall) | MB/s (wall) | peak RSS MB | ratio wall (MultiQC / gwtime) | ratio CPU |",
  "|---|---|---|---|---|---|---|---|---|---|---|",
];
for (const s of scales) {
  const g = get("gwtime", s.n);
  const m = get("multiqc", s.n);
  const mb = s.bytes / 1e6;
  const row = (label, r, ratio, ratioCpu) => {
    if (!r) return;
    const w = wallS(r[2]);
    out.push(`| ${s.n}x | ${s.files} | ${mb.toFixed(1)} | ${label} | ${w.toFixed(2)} | ${Number(r[4]).toFixed(2)} | ${(s.files / w).toFixed(1)} | ${(mb / w).toFixed(2)} | ${(Number(r[3]) / 1024).toFixed(0)} | ${ratio} | ${ratioCpu} |`);
  };
  const ratio = g && m ? `${(wallS(m[2]) / wallS(g[2])).toFixed(1)}x` : "";
  const ratioCpu = g && m ? `${(Number(m[4]) / Number(g[4])).toFixed(1)}x` : "";
  row("gwtime", g, ratio, ratioCpu);
  row("MultiQC", m, "", "");
}
process.stdout.write(`${out.join("\n")}\n`);
