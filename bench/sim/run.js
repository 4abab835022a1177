// Simulator benchmark (not a timed test): 1M single-task jobs on 1,000 cores at utilisation 0.9, and the
// M/M/c check against Erlang C. Writes artifacts/bench/sim.md. Run: make bench-sim
const { mkdirSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");
const sim = require("../../dist/index.js").sim;

const N = Number(process.env.BENCH_SIM_TASKS ?? 1_000_000);
const rows = [];
for (const [nodes, cores] of [[1000, 1], [125, 8]]) {
  const c = nodes * cores;
  const w = sim.mmcWorkload(N, 0.9 * c, 1, 1);
  const t0 = process.hrtime.bigint();
  const r = sim.simulate(w, { partitions: [{ name: "main", nodes, coresPerNode: cores }] }, sim.noLimit());
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  let wait = 0;
  for (const x of r.taskWaitS) wait += x;
  rows.push(`| ${N.toLocaleString("en")} | ${nodes} x ${cores} | ${s.toFixed(2)} | ${(N / s / 1e3).toFixed(0)}k | ${(wait / N).toPrecision(4)} | ${sim.mmcMeanWait(c, 0.9 * c, 1).toPrecision(4)} |`);
  console.log(rows[rows.length - 1]);
}
const erl = [];
for (const [rho, n] of [[0.5, 4e6], [0.8, 4e6], [0.95, 32e6]]) {
  const got = sim.mmcMeanWaitStream(4, rho * 4, 1, n, 1);
  const th = sim.mmcMeanWait(4, rho * 4, 1);
  erl.push(`| ${rho} | ${n.toLocaleString("en")} | ${got.toFixed(5)} | ${th.toFixed(5)} | ${((got / th - 1) * 100).toFixed(2)}% |`);
  console.log(erl[erl.length - 1]);
}
const md = [
  "# Simulator benchmark",
  "",
  `Node ${process.version}; ${process.env.BENCH_NOTE ?? "shared, loaded machine: read the rate, not a target"}.`,
  "",
  "| jobs | nodes x cores | seconds | jobs/s | mean wait (sim) | mean wait (Erlang C) |",
  "|---|---|---|---|---|---|",
  ...rows,
  "",
  "At 1,000 servers and utilisation 0.9 a wait is a rare event (Erlang C mean wait ~6e-6 s), so the first table times the simulator; the check against theory is the M/M/4 table.",
  "",
  "M/M/4 FIFO waits (the recursion the simulator reproduces exactly, seed 1) against Erlang C:",
  "",
  "| utilisation | jobs | mean wait | Erlang C | difference |",
  "|---|---|---|---|---|",
  ...erl,
  "",
].join("\n");
const out = join(__dirname, "..", "..", process.env.GWT_ARTIFACTS ?? "artifacts", "bench");
mkdirSync(out, { recursive: true });
writeFileSync(join(out, "sim.md"), md);
console.log(`wrote ${join(out, "sim.md")}`);
