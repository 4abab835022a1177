// DuckDB's bare CSV reader into memory, nothing of gwtime around it (notes.md).
// Usage: node bench/traces/duckdb_raw.js THREADS FILE.tsv
const { DuckDBInstance } = require("@duckdb/node-api");
(async () => {
  const [threads, file] = process.argv.slice(2);
  const inst = await DuckDBInstance.create(":memory:", { threads });
  const con = await inst.connect();
  const c0 = process.cpuUsage(); const t0 = process.hrtime.bigint();
  await con.run(`CREATE TABLE t AS SELECT * FROM read_csv('${file.replace(/'/g, "''")}', delim='\t', header=true)`);
  const s = Number(process.hrtime.bigint() - t0) / 1e9; const c = process.cpuUsage(c0);
  console.log(JSON.stringify({ raw: true, threads, wall: +s.toFixed(2), cpu: +((c.user + c.system) / 1e6).toFixed(2) }));
})();
