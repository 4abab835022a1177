// Ingest wall/CPU with a forced DuckDB thread count (the thread-policy experiment in notes.md).
// Usage: node bench/traces/threads.js THREADS FORMAT OUT.parquet PATH...
const { expandTracePaths } = require("../../dist/traces");
const { ingestToParquet } = require("../../dist/traces/duckdb");
require("@duckdb/node-api");
const [threads, format, out, ...inputs] = process.argv.slice(2);
(async () => {
  const paths = expandTracePaths(inputs);
  const c0 = process.cpuUsage(); const t0 = process.hrtime.bigint();
  const r = await ingestToParquet(paths, format, out, { threads: Number(threads) });
  const s = Number(process.hrtime.bigint() - t0) / 1e9; const c = process.cpuUsage(c0);
  console.log(JSON.stringify({ threads: Number(threads), rows: r.rows, wall: +s.toFixed(3), cpu: +((c.user + c.system) / 1e6).toFixed(3) }));
})();
