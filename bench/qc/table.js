// Turn bench/qc/run.sh results (TSV) into the markdown table of artifacts/bench/qc.md: per scale and
// tool, the median over runs of wall s, CPU s (user + sys) and peak RSS, and ratios to MultiQC.
"use strict";
const { readFileSync } = require("node:fs");
const os = require("node:os");
const lines = readFileSync(process.argv[2], "utf8").trim().split("\n").map((l) => l.split("\t"));
const wallS = (s) => s.split(":").reduce((a, x) => a * 60 + Number(x), 0); // h:mm:ss or m:ss.ss
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const scales = lines.filter((l) => l[0] === "files").map((l) => ({ n: l[1], files: Number(l[2]), bytes: Number(l[3]) }));
const runsOf = (label, n) => lines.filter((l) => l[0] === label && l[1] === n);
const stat = (label, n) => {
  const rs = runsOf(label, n);
  if (rs.length === 0) return undefined;
  return { runs: rs.length, wall: median(rs.map((r) => wallS(r[2]))), cpu: median(rs.map((r) => Number(r[4]))), rssMb: median(rs.map((r) => Number(r[3]) / 1024)), walls: rs.map((r) => wallS(r[2]).toFixed(2)) };
};
const note = (kind, n) => lines.find((l) => l[0] === kind && l[1] === n)?.[2];
const out = [
  "# QC parsing benchmark: gwtime vs MultiQC",
  "",
  `Machine: ${os.cpus()[0]?.model ?? "?"} x${os.cpus().length}, Node ${process.version}. Wall clock, CPU (user + sys) and peak RSS from \`/usr/bin/time -v\`, process start to exit, including writing outputs; each cell is the median of the runs shown, tools interleaved run by run.`,
  "Inputs: multiqc-test-data modules fastqc, picard, gatk, samtools, fastp (read in place); 10x/100x = replicated trees of symlinks renamed per replicate. Both tools walk the same trees.",
  "MultiQC: `multiqc -f -q --no-report --no-version-check --no-ansi -m fastqc -m picard -m gatk -m samtools -m fastp` (parses and writes multiqc_data, no HTML). gwtime: `gwtime qc <tree> --out x.csv` (parses and writes the wide CSV). gwtime-before (when present): the previous build, same command.",
  "",
  `Load average at the end: ${os.loadavg().map((x) => x.toFixed(1)).join(", ")} on ${os.cpus().length} CPUs (shared machine, a background harness uses both cores: wall times are noisy; CPU s is the steadier measure).`,
  "",
  "| scale | files | MB | tool | runs | wall s (median) | CPU s | files/s (wall) | MB/s (wall) | peak RSS MB | MultiQC / tool, wall | MultiQC / tool, CPU |",
  "|---|---|---|---|---|---|---|---|---|---|---|---|",
];
for (const s of scales) {
  const m = stat("multiqc", s.n);
  const mb = s.bytes / 1e6;
  for (const [label, name] of [["gwtime", "gwtime"], ["gwtime-before", "gwtime (before)"], ["multiqc", "MultiQC"]]) {
    const r = stat(label, s.n);
    if (!r) continue;
    const ratio = m && label !== "multiqc" ? `${(m.wall / r.wall).toFixed(1)}x` : "";
    const ratioCpu = m && label !== "multiqc" ? `${(m.cpu / r.cpu).toFixed(1)}x` : "";
    out.push(`| ${s.n}x | ${s.files} | ${mb.toFixed(1)} | ${name} | ${r.runs} | ${r.wall.toFixed(2)} | ${r.cpu.toFixed(2)} | ${(s.files / r.wall).toFixed(1)} | ${(mb / r.wall).toFixed(2)} | ${r.rssMb.toFixed(0)} | ${ratio} | ${ratioCpu} |`);
  }
}
out.push("", "Per-run wall seconds:", "");
for (const s of scales) for (const label of ["gwtime", "gwtime-before", "multiqc"]) {
  const r = stat(label, s.n);
  if (r) out.push(`- ${s.n}x ${label}: ${r.walls.join(", ")}`);
}
const checks = scales.map((s) => [s.n, note("csv", s.n), note("parsed", s.n)]).filter(([, c, p]) => c || p);
if (checks.length) {
  out.push("", "Output checks:", "");
  for (const [n, c, p] of checks) out.push(`- ${n}x: ${p ?? ""}${c ? `; CSV vs gwtime-before: ${c}` : ""}`);
}
process.stdout.write(`${out.join("\n")}\n`);
