// gwtime side of the trace benchmark: DuckDB ingest (normalise to TaskRun columns) → Parquet.
// Usage: node bench/traces/ingest.js FORMAT OUT.parquet PATH... ; prints one JSON line.
const { ingestToParquet, expandTracePaths } = require("../../dist/traces");
const [format, out, ...inputs] = process.argv.slice(2);
(async () => {
  const paths = expandTracePaths(inputs);
  const t0 = process.hrtime.bigint();
  const r = await ingestToParquet(paths, format, out);
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  process.stdout.write(JSON.stringify({ tool: "gwtime-duckdb", rows: r.rows, seconds: s, parquetBytes: r.parquetBytes, issues: r.files.reduce((a, f) => a + f.issues.length, 0) }) + "\n");
})().catch((e) => { console.error(e); process.exit(1); });
