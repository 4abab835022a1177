// gwtime side of the trace benchmark: DuckDB ingest (normalise to TaskRun columns) → Parquet.
// Usage: node bench/traces/ingest.js [--no-write] FORMAT OUT.parquet PATH... ; prints one JSON line.
// --no-write: same read + normalisation, into an in-memory DuckDB table instead of Parquet (the part
// comparable to pandas read_csv, which only parses into memory); OUT is ignored.
const { expandTracePaths } = require("../../dist/traces");
const { ingestThreadsFor, ingestToParquet, ingestSelectSql, openDuckdb } = require("../../dist/traces/duckdb");
// Load the DuckDB binding before the timer, as pandas_read.py imports pandas before its timer: both sides
// time the work on the files, not the runtime's start-up (the whole process is in peak RSS and CPU s).
require("@duckdb/node-api");
const args = process.argv.slice(2);
const noWrite = args[0] === "--no-write";
const [format, out, ...inputs] = noWrite ? args.slice(1) : args;
(async () => {
  const paths = expandTracePaths(inputs);
  // the shipped default (largest file, idle cores now), chosen once and reported
  const threads = ingestThreadsFor(paths);
  const t0 = process.hrtime.bigint();
  let rows, parquetBytes, issues, attempts;
  if (noWrite) {
    // same thread default as ingestToParquet
    const con = await openDuckdb({ threads });
    await con.run(`CREATE TABLE runs AS ${ingestSelectSql(paths, format)}`);
    rows = Number((await con.runAndReadAll("SELECT count(*) AS n FROM runs")).getRowObjectsJS()[0].n);
    con.closeSync();
  } else {
    const r = await ingestToParquet(paths, format, out, { threads });
    rows = r.rows;
    parquetBytes = r.parquetBytes;
    issues = r.files.reduce((a, f) => a + f.issues.length, 0);
    attempts = r.attempts;
  }
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  const tool = noWrite ? "gwtime-duckdb-nowrite" : "gwtime-duckdb";
  process.stdout.write(JSON.stringify({ tool, rows, threads, seconds: s, parquetBytes, issues, attempts }) + "\n");
})().catch((e) => { console.error(e); process.exit(1); });
